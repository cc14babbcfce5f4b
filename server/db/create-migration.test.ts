import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMigration, toMigrationName } from "@/server/db/create-migration";
import { diffMigrationsToSchema } from "@/server/db/diff-schema";
import { migrateDatabase } from "@/server/db/migrate";
import { MIGRATIONS_DIR, SCHEMA_FILE } from "@/server/db/migrations-folder";

let dir: string;
let migrationsDir: string;
let schemaFile: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-create-migration-"));
  migrationsDir = path.join(dir, "migrations");
  schemaFile = path.join(dir, "schema.prisma");
  fs.cpSync(MIGRATIONS_DIR, migrationsDir, { recursive: true });
  fs.writeFileSync(
    schemaFile,
    fs.readFileSync(SCHEMA_FILE, "utf8") + '\nmodel Gadget {\n  id   String @id @default(cuid())\n  name String @unique\n}\n',
  );
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("createMigration", () => {
  it("writes the next migration in Prisma's folder format, which then applies and closes the gap", async () => {
    const now = new Date("2031-02-03T04:05:06Z");

    const file = await createMigration({ name: "Add projects", migrationsDir, schemaFile, now });

    expect(file).toBe(path.join(migrationsDir, "20310203040506_add_projects", "migration.sql"));
    const sql = fs.readFileSync(file!, "utf8");
    expect(sql).toContain('CREATE TABLE "Gadget"');
    expect(sql).toContain('CREATE UNIQUE INDEX "Gadget_name_key"');
    expect(await diffMigrationsToSchema({ migrationsDir, schemaFile })).toBe("");
    const result = await migrateDatabase(path.join(dir, "data"), { migrationsDir });
    expect(result.applied).toContain("20310203040506_add_projects");
  });

  it("writes nothing when the schema already matches", async () => {
    await createMigration({ name: "add_projects", migrationsDir, schemaFile });
    const before = fs.readdirSync(migrationsDir).sort();

    expect(await createMigration({ name: "again", migrationsDir, schemaFile })).toBeNull();
    expect(fs.readdirSync(migrationsDir).sort()).toEqual(before);
  });

  it("starts a migrations folder with Prisma's lock file for SQLite", async () => {
    const fresh = path.join(dir, "fresh");

    await createMigration({ name: "init", migrationsDir: fresh, schemaFile: SCHEMA_FILE });

    expect(fs.readFileSync(path.join(fresh, "migration_lock.toml"), "utf8")).toContain('provider = "sqlite"');
    expect(fs.readdirSync(fresh).filter((entry) => entry.endsWith("_init"))).toHaveLength(1);
  });

  it("turns a free-form name into Prisma's snake case and rejects an empty one", async () => {
    expect(toMigrationName("Add Project hostnames!")).toBe("add_project_hostnames");
    await expect(createMigration({ name: "  --  ", migrationsDir, schemaFile })).rejects.toThrow(/Name the migration/);
  });
});
