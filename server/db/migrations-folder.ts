/**
 * Reads `prisma/migrations` in Prisma's folder format: one directory per migration
 * (`<timestamp>_<name>/migration.sql`) plus `migration_lock.toml`, sorted by name exactly as
 * the prisma CLI sorts them, so the WASM engine sees what `prisma migrate deploy` would see.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { MigrationList } from "@prisma/schema-engine-wasm/schema_engine_bg";

/** Where Berth's migrations live, independent of the process's working directory. */
export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/migrations");

/** The schema the migrations must agree with (see schema-in-sync.test.ts). */
export const SCHEMA_FILE = path.resolve(import.meta.dirname, "../../prisma/schema.prisma");

export type LocalMigration = { name: string; script: string; checksum: string };

/** Prisma's checksum of a migration: the SHA-256 of migration.sql, lower-case hex. */
export function migrationChecksum(script: string): string {
  return crypto.createHash("sha256").update(script, "utf8").digest("hex");
}

/** Every migration in `dir`, oldest first. A directory without migration.sql is an error. */
export function readLocalMigrations(dir: string = MIGRATIONS_DIR): LocalMigration[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b))
    .map((name) => {
      const file = path.join(dir, name, "migration.sql");
      if (!fs.existsSync(file)) {
        throw new Error(`The migration folder ${path.join(dir, name)} has no migration.sql; add one or delete the folder.`);
      }
      const script = fs.readFileSync(file, "utf8");
      return { name, script, checksum: migrationChecksum(script) };
    });
}

/** The same migrations as the schema engine's `MigrationList` input. */
export function toMigrationList(dir: string, migrations: LocalMigration[]): MigrationList {
  const lockPath = path.join(dir, "migration_lock.toml");
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: migrations.map((m) => ({
      path: m.name,
      migrationFile: { path: "migration.sql", content: { tag: "ok", value: m.script } },
    })),
  };
}
