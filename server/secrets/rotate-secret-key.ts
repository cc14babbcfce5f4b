/**
 * Key rotation: a new key, every stored secret value re-encrypted under it in one transaction,
 * and the new key written where the old one lived — the key file — or handed back to be printed
 * when the old key came from BERTH_SECRET_KEY (Berth cannot write a Kubernetes Secret's value
 * into its own environment).
 *
 * Berth must be stopped: a running Berth holds the old key and would keep sealing with it.
 */
import fs from "node:fs";
import { isDatabaseInUse } from "@/server/db/backup";
import { openDb } from "@/server/db/client";
import { compactDatabase } from "@/server/db/compact-database";
import { databaseFile } from "@/server/db/database-file";
import { migrateDatabase } from "@/server/db/migrate";
import { writeKeyFile } from "@/server/secrets/key-file";
import { loadKeyring, SECRET_KEY_VARIABLE, type KeySource } from "@/server/secrets/load-keyring";
import { resealStoredSecrets, UnknownSecretKeyError, type ResealReport } from "@/server/secrets/reseal-stored-secrets";
import { generateSecretKey, keyringOf, type SecretKey } from "@/server/secrets/secret-box";

/** A rotation that must not go ahead; the message tells the operator what to do. Nothing was changed. */
export class RotationRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RotationRefusedError";
  }
}

export interface RotationResult {
  oldKeyId: string;
  key: SecretKey;
  /** Where the old key lived: for "file" the new key replaced it there; for "env" the caller must show it. */
  source: KeySource;
  report: ResealReport;
  /** False when the values sealed with the old key may still sit in the file's free pages. */
  compacted: boolean;
}

export async function rotateSecretKey(options: { dataDir: string; env: Record<string, string | undefined> }): Promise<RotationResult> {
  const { dataDir } = options;
  const dbFile = databaseFile(dataDir);
  if (!fs.existsSync(dbFile)) throw new RotationRefusedError(`There is no Berth database at ${dbFile}; check BERTH_DATA_DIR.`);
  if (isDatabaseInUse(dbFile)) {
    throw new RotationRefusedError(`Berth is running on ${dataDir} and holds the current key in memory. Stop Berth first, then rotate again.`);
  }
  const loaded = loadKeyring({ dataDir, env: options.env, generate: false });
  if (!loaded) {
    throw new RotationRefusedError(`There is no secret key to rotate: ${SECRET_KEY_VARIABLE} is not set and ${dataDir} has no key file. Start Berth once (it generates the key), or set ${SECRET_KEY_VARIABLE}.`);
  }
  await migrateDatabase(dataDir);

  const key = generateSecretKey();
  const { source } = loaded;
  const { active } = loaded.keyring;
  const oldKeys = [active, ...[...loaded.keyring.keys.values()].filter((k) => k.id !== active.id)];
  // Both keys sit in the file while the transaction runs, so a crash at any point leaves a file that opens every value.
  if (source.kind === "file") writeKeyFile(source.file, [key, ...oldKeys]);
  const db = openDb({ dataDir });
  try {
    let report: ResealReport;
    try {
      report = await resealStoredSecrets(db, loaded.keyring, keyringOf(key));
    } catch (error) {
      if (source.kind === "file") writeKeyFile(source.file, oldKeys);
      if (error instanceof UnknownSecretKeyError) throw new RotationRefusedError(`${error.message} Start Berth with that key first; nothing was rotated.`);
      throw error;
    }
    if (source.kind === "file") writeKeyFile(source.file, [key]);
    // A rotation often answers a leaked key: values sealed with it must not survive in free
    // pages. Committed is committed, though: a failure here must not hide the new key.
    const compacted = await compactDatabase(db).then(() => true, () => false);
    return { oldKeyId: active.id, key, source, report, compacted };
  } finally {
    await db.$disconnect();
  }
}
