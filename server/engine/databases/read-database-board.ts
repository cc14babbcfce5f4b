import type { StatusBoardDatabase } from "@/lib/dto/status-board";
import { getDb } from "@/server/db/client";
import { databaseSpecOf } from "@/server/engine/databases/database-record";
import { imageOf } from "@/server/engine/databases/engines";
import { readDatabaseStatus } from "@/server/engine/databases/read-database-status";

/** Every database of every project with its health and sentence, for the status page (informer reads, no watch per request). */
export async function readDatabaseBoard(): Promise<StatusBoardDatabase[]> {
  const rows = await getDb().database.findMany({ include: { project: { select: { name: true } } }, orderBy: [{ project: { name: "asc" } }, { name: "asc" }] });
  return Promise.all(
    rows.map(async (row) => {
      const spec = databaseSpecOf(row);
      const status = await readDatabaseStatus(row.project.name, row.name).catch(() => null);
      return { project: row.project.name, database: row.name, image: imageOf(spec.engine, spec.version), status: status && { health: status.health, message: status.message } };
    }),
  );
}
