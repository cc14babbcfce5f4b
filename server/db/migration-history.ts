/**
 * What `_prisma_migrations` says was applied, compared with the migrations this version of
 * Berth ships. Reading the table with plain SQL lets an up-to-date database start without
 * loading the schema engine at all, and lets Berth refuse a database it must not touch before
 * anything is written.
 */
import fs from "node:fs";
import Database from "better-sqlite3";
import { migrationChecksum, type LocalMigration } from "@/server/db/migrations-folder";

/** One row of Prisma's `_prisma_migrations` table, as Prisma writes it. */
export type AppliedMigrationRow = {
  id: string;
  checksum: string;
  finished_at: string | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: string | null;
  started_at: string;
  applied_steps_count: number;
};

export type MigrationRefusal = "database_newer" | "migration_edited" | "migration_failed";

/**
 * Berth will not start on this database. The message is a sentence for the operator reading
 * the pod log; `code` lets callers and tests tell the cases apart.
 */
export class MigrationRefusedError extends Error {
  readonly code: MigrationRefusal;

  constructor(code: MigrationRefusal, message: string) {
    super(message);
    this.name = "MigrationRefusedError";
    this.code = code;
  }
}

/** The rows of `_prisma_migrations`, or none when the file or the table does not exist yet. */
export function readAppliedMigrations(dbFile: string): AppliedMigrationRow[] {
  if (!fs.existsSync(dbFile)) return [];
  const db = new Database(dbFile, { readonly: true, fileMustExist: true, timeout: 5_000 });
  try {
    const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (!table) return [];
    return db.prepare("SELECT * FROM _prisma_migrations ORDER BY started_at, migration_name").all() as AppliedMigrationRow[];
  } finally {
    db.close();
  }
}

/**
 * Prisma accepts a checksum computed with either line ending, so a checkout that converted
 * LF to CRLF (or back) does not count as an edited migration.
 */
function checksumMatches(row: AppliedMigrationRow, local: LocalMigration): boolean {
  if (row.checksum === local.checksum) return true;
  const lf = local.script.replace(/\r\n/g, "\n");
  return row.checksum === migrationChecksum(lf) || row.checksum === migrationChecksum(lf.replace(/\n/g, "\r\n"));
}

/**
 * Returns the names of the local migrations not yet applied, oldest first, or throws
 * `MigrationRefusedError` when the history shows a newer Berth, an edited migration, or a
 * migration that failed part-way. Rows marked rolled back are ignored, as Prisma ignores them.
 */
export function findPendingMigrations(dbFile: string, applied: AppliedMigrationRow[], local: LocalMigration[]): string[] {
  const localByName = new Map(local.map((m) => [m.name, m]));
  const live = applied.filter((row) => row.rolled_back_at === null);
  for (const row of live) {
    const known = localByName.get(row.migration_name);
    if (!known) {
      throw new MigrationRefusedError(
        "database_newer",
        `The database at ${dbFile} was migrated by a newer Berth (migration ${row.migration_name} is unknown to this version). Upgrade Berth or restore a backup made by this version.`,
      );
    }
    if (row.finished_at === null) {
      const firstLog = row.logs?.split("\n").find((line) => line.trim() !== "");
      throw new MigrationRefusedError(
        "migration_failed",
        `The database at ${dbFile} has a migration that failed part-way (${row.migration_name}, started ${row.started_at})${firstLog ? `: ${firstLog}` : ""}. Berth will not start on a half-migrated database; restore the backup made before this upgrade.`,
      );
    }
    if (!checksumMatches(row, known)) {
      throw new MigrationRefusedError(
        "migration_edited",
        `Migration ${row.migration_name} was changed after it was applied to the database at ${dbFile} (its checksum differs). Restore the original prisma/migrations/${row.migration_name}/migration.sql and put schema changes in a new migration (npm run db:migration -- <name>).`,
      );
    }
  }
  const done = new Set(live.map((row) => row.migration_name));
  return local.filter((m) => !done.has(m.name)).map((m) => m.name);
}
