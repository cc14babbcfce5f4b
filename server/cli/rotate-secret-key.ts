/**
 * `berth rotate-secret-key` (`npm run berth -- rotate-secret-key` in a checkout): the operator's side of server/secrets/rotate-secret-key.ts.
 * Run with Berth stopped, on BERTH_DATA_DIR and with the BERTH_SECRET_KEY Berth runs with.
 */
import { dataDirFromEnv } from "@/server/db/database-file";
import type { CliIo } from "@/server/cli/cli-io";
import { commandHere } from "@/server/operator-command";
import { createSecretCommand, SECRET_KEY_VARIABLE } from "@/server/secrets/load-keyring";
import { rotateSecretKey, RotationRefusedError } from "@/server/secrets/rotate-secret-key";

export async function runRotateSecretKey(args: string[], io: CliIo): Promise<number> {
  if (args.length !== 0) {
    io.err(`Usage: ${commandHere("rotate-secret-key")}   (stop Berth first)`);
    return 2;
  }
  const env = io.env ?? process.env;
  try {
    const { oldKeyId, key, source, report, compacted } = await rotateSecretKey({ dataDir: dataDirFromEnv(env), env });
    const count = report.encrypted + report.resealed + report.unchanged;
    io.out(`Rotated Berth's secret key from ${oldKeyId} to ${key.id}: ${count} secret value(s) re-encrypted in one transaction.`);
    if (!compacted) io.err("Could not compact the database: copies of the old ciphertext may remain in its free pages until SQLite reuses them.");
    if (source.kind === "file") {
      io.out(`The new key replaced the old one in ${source.file}.`);
    } else {
      io.out(`The old key came from ${SECRET_KEY_VARIABLE}, so the new key is printed here, once; Berth starts only with it. Replace the Secret:`);
      io.out("  kubectl -n berth delete secret berth-secret-key");
      io.out(`  ${createSecretCommand(key)}`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof RotationRefusedError)) throw error;
    io.err(`rotate-secret-key: ${error.message}`);
    return 1;
  }
}
