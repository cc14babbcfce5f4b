import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { backupDatabase, isDatabaseInUse, restoreDatabase } from "@/server/db/backup";
import { openDb } from "@/server/db/client";
import { databaseFile } from "@/server/db/database-file";
import { migrateDatabase } from "@/server/db/migrate";

const run = promisify(execFile);
let dir: string;
let dataDir: string;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-backup-"));
  dataDir = path.join(dir, "data");
  await migrateDatabase(dataDir);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function userNames(dbFile: string): string[] {
  const db = new Database(dbFile, { readonly: true });
  try {
    return (db.prepare('SELECT name FROM "User" ORDER BY name').all() as Array<{ name: string }>).map((r) => r.name);
  } finally {
    db.close();
  }
}

async function withRunningBerth<T>(work: (db: ReturnType<typeof openDb>) => Promise<T>): Promise<T> {
  const db = openDb({ dataDir });
  try {
    await db.$connect();
    return await work(db);
  } finally {
    await db.$disconnect();
  }
}

describe("backup", () => {
  it("copies a consistent database while Berth has it open and keeps writing", async () => {
    const file = path.join(dir, "backups", "berth-1.db");
    await withRunningBerth(async (db) => {
      await db.user.create({ data: { name: "alice", role: "admin" } });
      const writes = (async () => {
        for (let i = 0; i < 20; i++) await db.user.create({ data: { name: `bulk-${i}`, role: "viewer" } });
      })();
      const result = await backupDatabase(dataDir, file);
      await writes;
      expect(result.bytes).toBeGreaterThan(0);
      expect(result.latestMigration).toMatch(/^\d{14}_/);
    });
    const names = userNames(file);
    expect(names).toContain("alice");
    expect(new Database(file, { readonly: true }).pragma("integrity_check", { simple: true })).toBe("ok");
  });

  it("never overwrites an existing file", async () => {
    const file = path.join(dir, "exists.db");
    fs.writeFileSync(file, "keep me");
    await expect(backupDatabase(dataDir, file)).rejects.toThrow(/already exists/);
    expect(fs.readFileSync(file, "utf8")).toBe("keep me");
  });
});

describe("restore", () => {
  it("replaces the database with the backup and keeps the previous one", async () => {
    const file = path.join(dir, "before.db");
    await withRunningBerth((db) => db.user.create({ data: { name: "before", role: "admin" } }));
    await backupDatabase(dataDir, file);
    await withRunningBerth((db) => db.user.create({ data: { name: "after", role: "viewer" } }));

    const result = await restoreDatabase(dataDir, file);
    expect(userNames(databaseFile(dataDir))).toEqual(["before"]);
    expect(result.previous).toBe(`${databaseFile(dataDir)}.before-restore`);
    expect(userNames(result.previous!)).toEqual(["after", "before"]);
    expect(result.pendingMigrations).toEqual([]);
    // Berth starts on the restored database.
    await expect(migrateDatabase(dataDir)).resolves.toMatchObject({ applied: [] });
  });

  it("refuses a backup made by a newer Berth, and touches nothing", async () => {
    const file = path.join(dir, "newer.db");
    await backupDatabase(dataDir, file);
    const backup = new Database(file);
    backup
      .prepare("INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)")
      .run("x", "0".repeat(64), new Date().toISOString(), "29991231000000_from_the_future", new Date().toISOString());
    backup.close();
    const before = fs.readFileSync(databaseFile(dataDir));

    await expect(restoreDatabase(dataDir, file)).rejects.toThrow(/Refusing to restore .*newer Berth \(migration 29991231000000_from_the_future/);
    expect(fs.readFileSync(databaseFile(dataDir)).equals(before)).toBe(true);
    expect(fs.existsSync(`${databaseFile(dataDir)}.before-restore`)).toBe(false);
  });

  it("refuses while Berth has the database open", async () => {
    const file = path.join(dir, "b.db");
    await backupDatabase(dataDir, file);
    await withRunningBerth(async (db) => {
      await db.user.create({ data: { name: "live", role: "admin" } });
      expect(isDatabaseInUse(databaseFile(dataDir))).toBe(true);
      await expect(restoreDatabase(dataDir, file)).rejects.toThrow(/Berth is running on .*Stop Berth first/);
      expect((await db.user.findMany()).map((u) => u.name)).toEqual(["live"]);
    });
    expect(isDatabaseInUse(databaseFile(dataDir))).toBe(false);
  });

  it("refuses a file that is not a SQLite database", async () => {
    const file = path.join(dir, "notes.txt");
    fs.writeFileSync(file, "not a database at all, just some text that is long enough to have a header");
    await expect(restoreDatabase(dataDir, file)).rejects.toThrow(/not a readable SQLite database/);
  });
});

describe("npm run berth -- backup | restore", () => {
  it("backs up, then refuses a newer backup with exit code 1 and a sentence", async () => {
    const env = { ...process.env, BERTH_DATA_DIR: dataDir };
    const cli = ["--import", "tsx", path.resolve(import.meta.dirname, "../cli/berth.ts")];
    const file = path.join(dir, "cli.db");
    const backedUp = await run(process.execPath, [...cli, "backup", file], { env, timeout: 30_000 });
    expect(backedUp.stdout).toContain(`Backed up Berth's database to ${file}`);

    const backup = new Database(file);
    backup.prepare("UPDATE _prisma_migrations SET migration_name = '29991231000000_future'").run();
    backup.close();
    const refused = await run(process.execPath, [...cli, "restore", file], { env, timeout: 30_000 }).catch((e: { code: number; stderr: string }) => e);
    expect("code" in refused && refused.code).toBe(1);
    expect((refused as { stderr: string }).stderr).toMatch(/^restore: Refusing to restore .*newer Berth/m);
  }, 60_000);
});
