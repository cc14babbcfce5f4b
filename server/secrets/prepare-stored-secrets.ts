/**
 * Start-up's data step after the schema migrations: loads the key (generating the key file on
 * the first start of an empty database), refuses to go on when the database holds values sealed
 * with a key Berth does not have, and encrypts values an older Berth stored in plain text (or
 * re-seals values under a key since replaced, e.g. after moving the key into BERTH_SECRET_KEY).
 */
import fs from "node:fs";
import { getDb } from "@/server/db/client";
import { compactDatabase } from "@/server/db/compact-database";
import { dataDirFromEnv } from "@/server/db/database-file";
import { keyFilePath } from "@/server/secrets/key-file";
import { loadKeyring, SECRET_KEY_VARIABLE } from "@/server/secrets/load-keyring";
import { countSealedValues, resealStoredSecrets, UnknownSecretKeyError } from "@/server/secrets/reseal-stored-secrets";
import { processKeyring } from "@/server/secrets/secret-values";

function refusal(dataDir: string, keyIds: string[], count: number, has: string): Error {
  return new Error(
    `Berth cannot start: ${count} stored secret value(s) are encrypted with key ${keyIds.join(", ")}, but Berth has ${has}. ` +
      `Set ${SECRET_KEY_VARIABLE} to the key this database was encrypted with (or put its key file back at ${keyFilePath(dataDir)}), then start again.`,
  );
}

/** Runs the step; returns the lines to log (none when there was nothing to do). Throws a sentence when Berth must not start. */
export async function prepareStoredSecrets(env: Record<string, string | undefined> = process.env): Promise<string[]> {
  const dataDir = dataDirFromEnv(env as NodeJS.ProcessEnv);
  if (!loadKeyring({ dataDir, env, generate: false })) {
    // A new key is only right for a database that has never sealed anything.
    const sealed = await countSealedValues(getDb());
    if (sealed.size > 0) throw refusal(dataDir, [...sealed.keys()], [...sealed.values()].reduce((a, b) => a + b, 0), `no key (${SECRET_KEY_VARIABLE} is not set and there is no key file)`);
  }
  const { keyring, source } = processKeyring(env);
  let report;
  try {
    report = await resealStoredSecrets(getDb(), keyring, keyring);
  } catch (error) {
    if (!(error instanceof UnknownSecretKeyError)) throw error;
    throw refusal(dataDir, error.keyIds, error.count, `key ${keyring.active.id} from ${source.kind === "env" ? SECRET_KEY_VARIABLE : source.file}`);
  }
  const lines: string[] = [];
  // Replaced plain text, or ciphertext under a retired key, would otherwise survive in free pages and the WAL.
  if (report.encrypted + report.resealed > 0) await compactDatabase(getDb());
  if (report.encrypted > 0) lines.push(`Berth encrypted ${report.encrypted} secret value(s) an older version had stored in plain text.`);
  if (report.resealed > 0) lines.push(`Berth re-encrypted ${report.resealed} secret value(s) under its current key ${keyring.active.id}.`);
  // Every value now opens with the key from the environment: the file would only make copies of the data directory carry a key.
  const file = keyFilePath(dataDir);
  if (source.kind === "env" && fs.existsSync(file)) {
    fs.rmSync(file);
    lines.push(`Berth's secret key now comes from ${SECRET_KEY_VARIABLE}; it removed the key file ${file} beside the database.`);
  }
  return lines;
}
