/**
 * The SQL that would bring a database built from `prisma/migrations` to `prisma/schema.prisma`.
 * Empty means the two agree. The engine replays the migrations on an in-memory shadow
 * database, so this needs no database file and no network.
 */
import fs from "node:fs";
import path from "node:path";
import { MIGRATIONS_DIR, SCHEMA_FILE, readLocalMigrations, toMigrationList } from "@/server/db/migrations-folder";
import { NO_FILTER, withSchemaEngine } from "@/server/db/schema-engine";

/** Returns the migration script (SQL), or "" when the migrations already match the schema. */
export async function diffMigrationsToSchema(
  options: { migrationsDir?: string; schemaFile?: string } = {},
): Promise<string> {
  const migrationsDir = options.migrationsDir ?? MIGRATIONS_DIR;
  const schemaFile = options.schemaFile ?? SCHEMA_FILE;
  const schema = { path: path.basename(schemaFile), content: fs.readFileSync(schemaFile, "utf8") };
  const list = toMigrationList(migrationsDir, readLocalMigrations(migrationsDir));
  const result = await withSchemaEngine({ dbFile: ":memory:", datamodel: schema }, (engine) =>
    engine.diff({
      from: { tag: "migrations", ...list },
      to: { tag: "schemaDatamodel", files: [schema] },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    }),
  );
  return isEmptyScript(result.stdout ?? "") ? "" : (result.stdout ?? "");
}

/** The engine answers an empty diff with a comment line rather than an empty string. */
function isEmptyScript(script: string): boolean {
  return script
    .split("\n")
    .map((line) => line.trim())
    .every((line) => line === "" || line.startsWith("--"));
}
