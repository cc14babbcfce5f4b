/**
 * `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql
 * with the SQL that takes a database built from the existing migrations to prisma/schema.prisma.
 * The WASM schema engine replays the migrations on an in-memory shadow database and diffs, so
 * this works offline. Review the SQL and commit it together with the schema change.
 */
import path from "node:path";
import { createMigration, toMigrationName } from "@/server/db/create-migration";

const name = process.argv.slice(2).join("_");
if (!toMigrationName(name)) {
  console.error("Name the migration after what it changes, e.g.: npm run db:migration -- add_projects");
  process.exit(2);
}
const file = await createMigration({ name });
if (file === null) {
  console.log("prisma/schema.prisma already matches prisma/migrations: no migration written.");
} else {
  console.log(`Wrote ${path.relative(process.cwd(), file)}. Review it, then commit it with the schema change.`);
}
