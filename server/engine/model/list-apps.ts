import { getDb } from "@/server/db/client";
import { APP_ROWS, toAppRecord, type AppRecord } from "@/server/engine/model/app-record";
import { getProject } from "@/server/engine/model/get-project";

/** The apps of a project, by name; AppError not_found when the project does not exist. */
export async function listApps(project: string): Promise<AppRecord[]> {
  await getProject(project);
  const rows = await getDb().app.findMany({ where: { project: { name: project } }, orderBy: { name: "asc" }, include: APP_ROWS });
  return rows.map(toAppRecord);
}

/** Every app of every project, by project then name, in a constant number of queries (the status board). */
export async function listAllApps(): Promise<AppRecord[]> {
  const rows = await getDb().app.findMany({ orderBy: [{ project: { name: "asc" } }, { name: "asc" }], include: APP_ROWS });
  return rows.map(toAppRecord);
}
