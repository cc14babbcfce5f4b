import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { closeDb, getDb, openDb } from "@/server/db/client";
import { migrateDatabase } from "@/server/db/migrate";

let root: string;
const savedDataDir = process.env.BERTH_DATA_DIR;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "berth-client-"));
});
afterEach(async () => {
  await closeDb();
  if (savedDataDir === undefined) delete process.env.BERTH_DATA_DIR;
  else process.env.BERTH_DATA_DIR = savedDataDir;
  fs.rmSync(root, { recursive: true, force: true });
});

describe("database client", () => {
  it("keeps databases in different data directories apart", async () => {
    const a = path.join(root, "a");
    const b = path.join(root, "b");
    await migrateDatabase(a);
    await migrateDatabase(b);
    const dbA = openDb({ dataDir: a });
    const dbB = openDb({ dataDir: b });
    try {
      await dbA.user.create({ data: { name: "only-in-a", role: "admin" } });
      expect(await dbA.user.count()).toBe(1);
      expect(await dbB.user.count()).toBe(0);
    } finally {
      await Promise.all([dbA.$disconnect(), dbB.$disconnect()]);
    }
  });

  it("getDb uses BERTH_DATA_DIR, returns one client per process, and reopens after closeDb", async () => {
    process.env.BERTH_DATA_DIR = root;
    await migrateDatabase(root);

    const db = getDb();
    expect(getDb()).toBe(db);
    await db.auditEvent.create({ data: { action: "login.success" } });
    expect(fs.existsSync(path.join(root, "berth.db"))).toBe(true);

    await closeDb();
    const reopened = getDb();
    expect(reopened).not.toBe(db);
    expect(await reopened.auditEvent.count()).toBe(1);
  });

  it("opens connections in WAL mode with foreign keys on and a busy timeout", async () => {
    await migrateDatabase(root);
    const db = openDb({ dataDir: root });
    try {
      const [journal] = await db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
      const [keys] = await db.$queryRawUnsafe<{ foreign_keys: bigint }[]>("PRAGMA foreign_keys");
      const [busy] = await db.$queryRawUnsafe<{ timeout: bigint }[]>("PRAGMA busy_timeout");
      expect(journal.journal_mode).toBe("wal");
      expect(Number(keys.foreign_keys)).toBe(1);
      expect(Number(busy.timeout)).toBeGreaterThanOrEqual(1000);
    } finally {
      await db.$disconnect();
    }
  });
});
