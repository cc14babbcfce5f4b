import { getDb } from "@/server/db/client";
import { APP_ROWS, toAppRecord, type AppRecord, type AppWithRows } from "@/server/engine/model/app-record";
import { getProject } from "@/server/engine/model/get-project";

/** The apps of a project, by name; AppError not_found when the project does not exist. */
export async function listApps(project: string): Promise<AppRecord[]> {
  await getProject(project);
  const rows = await getDb().app.findMany({ where: { project: { name: project } }, orderBy: { name: "asc" }, include: APP_ROWS });
  return rows.map(toAppRecord);
}

/**
 * Every app of every project, by project then name, in five statements whatever the number of
 * apps: each table is read whole and joined here. (Prisma's `include` filters the child tables
 * by `IN (…app ids)` and splits that list into chunks under SQLite's parameter limit, so its
 * statement count grows with the apps.)
 */
export async function listAllApps(): Promise<AppRecord[]> {
  const db = getDb();
  const [apps, projects, hostnames, volumes, secretEnv] = await Promise.all([
    db.app.findMany(),
    db.project.findMany(),
    db.hostname.findMany(),
    db.volume.findMany(),
    db.secretEnv.findMany(),
  ]);
  const projectOf = new Map(projects.map((p) => [p.id, p]));
  const rowsOf = <T extends { appId: string }>(rows: T[]) => {
    const out = new Map<string, T[]>();
    for (const row of rows) {
      const own = out.get(row.appId);
      if (own) own.push(row);
      else out.set(row.appId, [row]);
    }
    return (appId: string) => out.get(appId) ?? [];
  };
  const [hostnamesOf, volumesOf, secretEnvOf] = [rowsOf(hostnames), rowsOf(volumes), rowsOf(secretEnv)];
  const rows: AppWithRows[] = apps.map((a) => ({ ...a, project: projectOf.get(a.projectId)!, hostnames: hostnamesOf(a.id), volumes: volumesOf(a.id), secretEnv: secretEnvOf(a.id) }));
  const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0); // as SQLite orders text
  rows.sort((a, b) => byCodePoint(a.project.name, b.project.name) || byCodePoint(a.name, b.name));
  return rows.map(toAppRecord);
}
