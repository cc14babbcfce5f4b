import type { ProjectDetail, ProjectSummary } from "@/lib/dto/project";
import { getProject } from "@/server/engine/model/get-project";
import { listApps } from "@/server/engine/model/list-apps";
import { healthOfApps, toAppListItems, toProjectSummary } from "@/server/engine/queries/project-views";

async function readProjectAndApps(name: string) {
  const project = await getProject(name);
  const apps = await listApps(project.name);
  const health = await healthOfApps(project.name, apps);
  const items = toAppListItems(apps, health);
  return { summary: toProjectSummary(project, items, health !== null), items };
}

/** One project with its apps and their health; AppError not_found for an unknown project. */
export async function readProject(name: string): Promise<ProjectDetail> {
  const { summary, items } = await readProjectAndApps(name);
  return { ...summary, apps: items };
}

/** One project as the projects list shows it (the answer to an edit). */
export async function readProjectSummary(name: string): Promise<ProjectSummary> {
  return (await readProjectAndApps(name)).summary;
}
