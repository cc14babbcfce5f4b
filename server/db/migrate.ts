/**
 * Brings Berth's database up to the schema this version ships, at start, offline. Pending
 * migrations are applied by Prisma's schema engine (WASM build), so `_prisma_migrations` is
 * exactly what `prisma migrate deploy` would have written and either tool can take over.
 */
import fs from "node:fs";
import path from "node:path";
import { databaseFile } from "@/server/db/database-file";
import { MIGRATIONS_DIR, readLocalMigrations, toMigrationList } from "@/server/db/migrations-folder";
import { findPendingMigrations, readAppliedMigrations } from "@/server/db/migration-history";

export type MigrateResult = { dbFile: string; applied: string[] };

/**
 * Applies pending migrations from `prisma/migrations` to `<dataDir>/berth.db`, creating the
 * directory and file if needed. Throws `MigrationRefusedError` (before writing anything) when
 * the database was migrated by a newer Berth, an applied migration was edited, or one failed.
 * An up-to-date database is checked with one SQL read; the engine is only loaded when there
 * is something to apply.
 *
 * As with `prisma migrate deploy` on SQLite, a migration is not wrapped in a transaction (its
 * script may toggle `PRAGMA foreign_keys`, which SQLite ignores inside one): a migration that
 * fails part-way is recorded as failed and the next start refuses the database.
 */
export async function migrateDatabase(
  dataDir: string,
  options: { migrationsDir?: string } = {},
): Promise<MigrateResult> {
  const migrationsDir = options.migrationsDir ?? MIGRATIONS_DIR;
  const dbFile = databaseFile(dataDir);
  fs.mkdirSync(path.dirname(dbFile), { recursive: true });

  const local = readLocalMigrations(migrationsDir);
  const pending = findPendingMigrations(dbFile, readAppliedMigrations(dbFile), local);
  if (pending.length === 0) return { dbFile, applied: [] };

  // Loaded only now: an up-to-date database starts without the engine's glue code.
  const { NO_FILTER, withSchemaEngine } = await import("@/server/db/schema-engine");
  try {
    const output = await withSchemaEngine({ dbFile }, (engine) =>
      engine.applyMigrations({ migrationsList: toMigrationList(migrationsDir, local), filters: NO_FILTER }),
    );
    return { dbFile, applied: output.appliedMigrationNames };
  } catch (error) {
    // The engine records a failed migration in _prisma_migrations; describe it the same way
    // the next start would, instead of surfacing the engine's Rust span trace.
    findPendingMigrations(dbFile, readAppliedMigrations(dbFile), local);
    throw error;
  }
}
