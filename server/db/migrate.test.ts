import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrateDatabase } from "@/server/db/migrate";
import { openDb } from "@/server/db/client";
import { MIGRATIONS_DIR, readLocalMigrations } from "@/server/db/migrations-folder";
import { MigrationRefusedError, readAppliedMigrations } from "@/server/db/migration-history";

let dataDir: string;
let dbFile: string;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-db-"));
  dbFile = path.join(dataDir, "berth.db");
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function withSqlite<T>(work: (db: Database.Database) => T): T {
  const db = new Database(dbFile);
  try {
    return work(db);
  } finally {
    db.close();
  }
}

/** A migrations folder of our own, for upgrade and failure stories the real folder lacks. */
function makeMigrations(scripts: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(dataDir, "migrations-"));
  fs.writeFileSync(path.join(dir, "migration_lock.toml"), 'provider = "sqlite"\n');
  for (const [name, sql] of Object.entries(scripts)) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

async function refusal(promise: Promise<unknown>): Promise<MigrationRefusedError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MigrationRefusedError);
  return error as MigrationRefusedError;
}

describe("migrateDatabase", () => {
  it("creates the database in a fresh directory and the Prisma client can use it", async () => {
    const nested = path.join(dataDir, "not", "yet");
    const result = await migrateDatabase(nested);

    expect(result.applied).toEqual(readLocalMigrations().map((m) => m.name));
    const db = openDb({ dataDir: nested });
    try {
      const user = await db.user.create({ data: { name: "admin", role: "admin" } });
      await db.apiToken.create({ data: { userId: user.id, name: "ci", role: "viewer", prefix: "abc", hash: "h" } });
      expect(await db.user.findUnique({ where: { name: "admin" } })).toMatchObject({ id: user.id, role: "admin" });
      await db.user.delete({ where: { id: user.id } });
      expect(await db.apiToken.count()).toBe(0); // foreign keys are on: the cascade ran
    } finally {
      await db.$disconnect();
    }
  });

  it("is a no-op on an up-to-date database", async () => {
    await migrateDatabase(dataDir);
    const before = readAppliedMigrations(dbFile);

    const second = await migrateDatabase(dataDir);

    expect(second.applied).toEqual([]);
    expect(readAppliedMigrations(dbFile)).toEqual(before);
  });

  it("writes _prisma_migrations rows the way prisma migrate deploy does", async () => {
    await migrateDatabase(dataDir);
    const rows = readAppliedMigrations(dbFile);
    const local = readLocalMigrations();

    expect(rows.map((r) => r.migration_name)).toEqual(local.map((m) => m.name));
    for (const row of rows) {
      const script = fs.readFileSync(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(crypto.createHash("sha256").update(script).digest("hex"));
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(row.finished_at).not.toBeNull();
      expect(Date.parse(row.finished_at!)).toBeGreaterThanOrEqual(Date.parse(row.started_at));
      expect(row).toMatchObject({ logs: null, rolled_back_at: null, applied_steps_count: 1 });
    }
    const columns = withSqlite((db) => db.prepare("PRAGMA table_info(_prisma_migrations)").all() as { name: string }[]);
    expect(columns.map((c) => c.name)).toEqual([
      "id",
      "checksum",
      "finished_at",
      "migration_name",
      "logs",
      "rolled_back_at",
      "started_at",
      "applied_steps_count",
    ]);
  });

  it("applies only the new migration when upgrading an existing database, keeping its data", async () => {
    const first = { "20240101000000_notes": 'CREATE TABLE "Note" ("id" TEXT NOT NULL PRIMARY KEY, "text" TEXT NOT NULL);\n' };
    await migrateDatabase(dataDir, { migrationsDir: makeMigrations(first) });
    const client = openDb({ dataDir }); // the app's own connection settings (WAL) were in use
    await client.$executeRawUnsafe(`INSERT INTO "Note" VALUES ('n1', 'keep me')`);
    await client.$disconnect();

    const upgraded = makeMigrations({
      ...first,
      "20240201000000_tags": 'CREATE TABLE "Tag" ("id" TEXT NOT NULL PRIMARY KEY);\nALTER TABLE "Note" ADD COLUMN "tag" TEXT;\n',
    });
    const result = await migrateDatabase(dataDir, { migrationsDir: upgraded });

    expect(result.applied).toEqual(["20240201000000_tags"]);
    expect(withSqlite((db) => db.prepare(`SELECT id, text, tag FROM "Note"`).all())).toEqual([
      { id: "n1", text: "keep me", tag: null },
    ]);
  });

  it("refuses a database migrated by a newer Berth, before writing anything", async () => {
    await migrateDatabase(dataDir);
    withSqlite((db) =>
      db
        .prepare(
          `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES ('x', 'abc', '2099-01-01T00:00:00.000+00:00', '20990101000000_future', '2099-01-01T00:00:00.000+00:00', 1)`,
        )
        .run(),
    );
    const withPending = makeMigrations({
      ...Object.fromEntries(readLocalMigrations().map((m) => [m.name, m.script])),
      "20250101000000_pending": 'CREATE TABLE "Pending" ("id" TEXT);\n',
    });

    const error = await refusal(migrateDatabase(dataDir, { migrationsDir: withPending }));

    expect(error.code).toBe("database_newer");
    expect(error.message).toBe(
      `The database at ${dbFile} was migrated by a newer Berth (migration 20990101000000_future is unknown to this version). Upgrade Berth or restore a backup made by this version.`,
    );
    const tables = withSqlite((db) => db.prepare("SELECT name FROM sqlite_master WHERE name = 'Pending'").all());
    expect(tables).toEqual([]);
  });

  it("refuses a database whose applied migration was edited since", async () => {
    await migrateDatabase(dataDir);
    const name = readLocalMigrations()[0].name;
    withSqlite((db) => db.prepare("UPDATE _prisma_migrations SET checksum = ? WHERE migration_name = ?").run("0".repeat(64), name));

    const error = await refusal(migrateDatabase(dataDir));

    expect(error.code).toBe("migration_edited");
    expect(error.message).toContain(`Migration ${name} was changed after it was applied to the database at ${dbFile}`);
  });

  it("records a migration that fails part-way and refuses to start on that database again", async () => {
    const migrations = makeMigrations({
      "20240101000000_ok": 'CREATE TABLE "A" ("id" TEXT NOT NULL PRIMARY KEY);\n',
      "20240102000000_broken": 'CREATE TABLE "B" ("id" TEXT);\nCREATE TABLE "A" ("id" TEXT);\n',
    });

    const first = await refusal(migrateDatabase(dataDir, { migrationsDir: migrations }));
    const again = await refusal(migrateDatabase(dataDir, { migrationsDir: migrations }));

    for (const error of [first, again]) {
      expect(error.code).toBe("migration_failed");
      expect(error.message).toContain("20240102000000_broken");
      expect(error.message).toContain('table "A" already exists');
    }
    const failed = readAppliedMigrations(dbFile).find((r) => r.migration_name === "20240102000000_broken");
    expect(failed).toMatchObject({ finished_at: null, rolled_back_at: null, applied_steps_count: 0 });
  });

  it("ignores rows Prisma marked as rolled back", async () => {
    const migrations = makeMigrations({ "20240101000000_ok": 'CREATE TABLE "A" ("id" TEXT NOT NULL PRIMARY KEY);\n' });
    await migrateDatabase(dataDir, { migrationsDir: migrations });
    withSqlite((db) =>
      db
        .prepare(
          `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, rolled_back_at, applied_steps_count)
           VALUES ('y', 'abc', '20240102000000_abandoned', '2024-01-02T00:00:00.000+00:00', '2024-01-02T00:01:00.000+00:00', 0)`,
        )
        .run(),
    );

    await expect(migrateDatabase(dataDir, { migrationsDir: migrations })).resolves.toMatchObject({ applied: [] });
  });
});
