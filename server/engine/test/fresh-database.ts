import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeDb } from "@/server/db/client";
import { migrateDatabase } from "@/server/db/migrate";

/**
 * Points getDb() at a new, migrated, empty database in a temp directory — another Berth's, for
 * tests that carry a project from one database to another. The caller removes the directory.
 */
export async function openFreshDatabase(prefix: string): Promise<string> {
  await closeDb();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.env.BERTH_DATA_DIR = dataDir;
  await migrateDatabase(dataDir);
  return dataDir;
}
