/**
 * `berth backup <file>` and `berth restore <file>`: the operator's side of server/db/backup.ts.
 * Both work on BERTH_DATA_DIR (default ./data); in the container that is /data, e.g.
 * `kubectl -n berth exec deploy/berth -- berth backup /data/backup.db`.
 */
import { dataDirFromEnv } from "@/server/db/database-file";
import { backupDatabase, BackupError, restoreDatabase } from "@/server/db/backup";
import type { CliIo } from "@/server/cli/cli-io";
import { commandHere } from "@/server/operator-command";

/** Makes an online, consistent copy of the database; Berth may keep running. */
export async function runBackup(args: string[], io: CliIo): Promise<number> {
  if (args.length !== 1) {
    io.err(`Usage: ${commandHere("backup <file>", io.env)}`);
    return 2;
  }
  try {
    const result = await backupDatabase(dataDirFromEnv(io.env), args[0]);
    io.out(`Backed up Berth's database to ${result.file} (${result.bytes} bytes, schema ${result.latestMigration ?? "empty"}).`);
    io.out("Its secret values are encrypted: the backup is useless without Berth's secret key (BERTH_SECRET_KEY, or secret.key in the data directory). Keep the key safe and apart from it.");
    return 0;
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    io.err(`backup: ${error.message}`);
    return 1;
  }
}

/** Replaces the database with a backup; Berth must be stopped. */
export async function runRestore(args: string[], io: CliIo): Promise<number> {
  if (args.length !== 1) {
    io.err(`Usage: ${commandHere("restore <file>", io.env)}   (stop Berth first)`);
    return 2;
  }
  try {
    const result = await restoreDatabase(dataDirFromEnv(io.env), args[0]);
    io.out(`Restored ${result.dbFile} from ${args[0]} (schema ${result.latestMigration ?? "empty"}).`);
    if (result.previous) io.out(`The database it replaced is kept as ${result.previous}.`);
    if (result.pendingMigrations.length) {
      io.out(`The backup is from an older Berth; the next start applies ${result.pendingMigrations.length} migration(s): ${result.pendingMigrations.join(", ")}.`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    io.err(`restore: ${error.message}`);
    return 1;
  }
}
