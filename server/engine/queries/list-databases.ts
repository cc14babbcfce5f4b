import type { DatabaseDetail, DatabaseSummary } from "@/lib/dto/database";
import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { findDatabaseOrThrow, toDatabaseSummary } from "@/server/engine/databases/database-record";
import { linkedAppsByDatabase } from "@/server/engine/databases/linked-apps";
import { readDatabaseStatus } from "@/server/engine/databases/read-database-status";

/** The project's databases with their connection info and linked apps (no passwords, no cluster reads). */
export async function listDatabases(project: string): Promise<DatabaseSummary[]> {
  const db = getDb();
  const owner = await db.project.findUnique({ where: { name: project }, select: { id: true } });
  if (!owner) throw new AppError({ code: "not_found", message: `There is no project "${project}".` });
  const [rows, linked] = await Promise.all([db.database.findMany({ where: { projectId: owner.id }, orderBy: { name: "asc" } }), linkedAppsByDatabase(db, project)]);
  return rows.map((row) => toDatabaseSummary(row, project, linked.get(row.name) ?? []));
}

/**
 * One database with its live status. When the cluster cannot be read the status is null and
 * the rest still answers: the connection info comes from Berth's own model.
 */
export async function readDatabase(project: string, name: string): Promise<DatabaseDetail> {
  const db = getDb();
  const row = await findDatabaseOrThrow(db, project, name);
  const linked = (await linkedAppsByDatabase(db, project)).get(name) ?? [];
  const status = await readDatabaseStatus(project, name).catch(() => null);
  return { ...toDatabaseSummary(row, project, linked), status };
}
