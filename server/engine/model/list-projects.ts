import { getDb } from "@/server/db/client";
import { toProjectRecord, type ProjectRecord } from "@/server/engine/model/get-project";

/** Every project, by name. */
export async function listProjects(): Promise<ProjectRecord[]> {
  const rows = await getDb().project.findMany({ orderBy: { name: "asc" }, include: { _count: { select: { apps: true } } } });
  return rows.map(toProjectRecord);
}
