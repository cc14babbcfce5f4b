/**
 * Online backup and offline restore of Berth's SQLite database.
 *
 * Backup uses SQLite's online backup API (through better-sqlite3), which copies a consistent
 * snapshot while Berth keeps reading and writing: https://www.sqlite.org/backup.html
 * Restore replaces `<dataDir>/berth.db` only when no process has the database open, and only
 * with a backup this version of Berth can run (same or older schema; older ones are migrated
 * at the next start).
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { databaseFile } from "@/server/db/database-file";
import { findPendingMigrations, readAppliedMigrations } from "@/server/db/migration-history";
import { MIGRATIONS_DIR, readLocalMigrations } from "@/server/db/migrations-folder";

/** A backup or restore that must not go ahead; the message tells the operator what to do. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

export type BackupResult = { file: string; bytes: number; latestMigration: string | null };
export type RestoreResult = { dbFile: string; previous: string | null; latestMigration: string | null; pendingMigrations: string[] };

/** The suffix the replaced database keeps after a restore. */
export const BEFORE_RESTORE_SUFFIX = ".before-restore";

function latestMigration(dbFile: string): string | null {
  const rows = readAppliedMigrations(dbFile).filter((row) => row.rolled_back_at === null);
  return rows.length ? rows.map((row) => row.migration_name).sort().at(-1)! : null;
}

/** Opens `file` and runs SQLite's quick check; throws a BackupError naming the file otherwise. */
function checkSqliteFile(file: string, what: string): void {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const result = db.pragma("quick_check", { simple: true });
    if (result !== "ok") throw new BackupError(`${what} ${file} is damaged (SQLite quick_check: ${String(result)}).`);
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${what} ${file} is not a readable SQLite database (${error instanceof Error ? error.message : String(error)}).`);
  } finally {
    db?.close();
  }
}

/**
 * Writes a consistent copy of the live database to `target` while Berth runs. Refuses to
 * overwrite an existing file. The copy is checked before this returns.
 */
export async function backupDatabase(dataDir: string, target: string): Promise<BackupResult> {
  const source = databaseFile(dataDir);
  const file = path.resolve(target);
  if (!fs.existsSync(source)) throw new BackupError(`There is no Berth database at ${source}; check BERTH_DATA_DIR.`);
  if (fs.existsSync(file)) throw new BackupError(`${file} already exists; choose a new file name (a backup never overwrites).`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(source, { fileMustExist: true, timeout: 5_000 });
  try {
    await db.backup(file);
  } catch (error) {
    fs.rmSync(file, { force: true });
    throw error;
  } finally {
    db.close();
  }
  checkSqliteFile(file, "The backup");
  return { file, bytes: fs.statSync(file).size, latestMigration: latestMigration(file) };
}

/**
 * True when another connection (a running Berth) has the database open. Every connection to a
 * WAL database holds a shared lock while open, so taking an exclusive lock fails exactly then.
 */
export function isDatabaseInUse(dbFile: string): boolean {
  if (!fs.existsSync(dbFile)) return false;
  const db = new Database(dbFile, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma("locking_mode = EXCLUSIVE");
    db.exec("BEGIN EXCLUSIVE");
    db.exec("COMMIT");
    return false;
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith("SQLITE_BUSY")) return true;
    throw error;
  } finally {
    db.close();
  }
}

/**
 * Replaces `<dataDir>/berth.db` with `backupFile`. Refuses (before touching anything) a file
 * that is not a healthy SQLite database, a backup from a newer Berth (or with an edited or
 * half-applied migration), and a data directory a running Berth has open. The replaced
 * database is kept as `berth.db.before-restore`.
 */
export async function restoreDatabase(dataDir: string, backupFile: string, options: { migrationsDir?: string } = {}): Promise<RestoreResult> {
  const source = path.resolve(backupFile);
  const dbFile = databaseFile(dataDir);
  if (!fs.existsSync(source)) throw new BackupError(`There is no backup at ${source}.`);
  if (source === dbFile) throw new BackupError(`${source} is the live database itself; pass a backup file.`);
  checkSqliteFile(source, "The backup");

  const local = readLocalMigrations(options.migrationsDir ?? MIGRATIONS_DIR);
  let pending: string[];
  try {
    pending = findPendingMigrations(source, readAppliedMigrations(source), local);
  } catch (error) {
    throw new BackupError(`Refusing to restore ${source}: ${error instanceof Error ? error.message : String(error)}`);
  }

  if (isDatabaseInUse(dbFile)) {
    throw new BackupError(
      `Berth is running on ${dataDir} (its database is open), so it cannot be replaced underneath it. Stop Berth first, then restore again.`,
    );
  }

  fs.mkdirSync(dataDir, { recursive: true });
  const staging = `${dbFile}.restoring`;
  fs.rmSync(staging, { force: true });
  const reader = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await reader.backup(staging);
  } finally {
    reader.close();
  }

  let previous: string | null = null;
  if (fs.existsSync(dbFile)) {
    // Fold any write-ahead log into the file so the kept copy is complete on its own.
    const live = new Database(dbFile, { fileMustExist: true, timeout: 0 });
    try {
      live.pragma("wal_checkpoint(TRUNCATE)");
    } finally {
      live.close();
    }
    previous = `${dbFile}${BEFORE_RESTORE_SUFFIX}`;
    fs.renameSync(dbFile, previous);
  }
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(`${dbFile}${suffix}`, { force: true });
  fs.renameSync(staging, dbFile);
  return { dbFile, previous, latestMigration: latestMigration(dbFile), pendingMigrations: pending };
}
