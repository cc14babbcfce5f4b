import type { ProjectSummary } from "@/lib/dto/project";
import { listAllApps } from "@/server/engine/model/list-apps";
import { listProjects } from "@/server/engine/model/list-projects";
import { appsByProject, healthOfApps, toAppListItems, toProjectSummary } from "@/server/engine/queries/project-views";

/**
 * Every project with its app count and the health of its worst app. The projects and all their
 * apps come from two reads of the database whatever their number; health from the informer caches.
 */
export async function listProjectSummaries(): Promise<ProjectSummary[]> {
  const [projects, apps] = await Promise.all([listProjects(), listAllApps()]);
  const appsOf = appsByProject(apps);
  return Promise.all(
    projects.map(async (project) => {
      const own = appsOf.get(project.name) ?? [];
      const health = await healthOfApps(project.name, own);
      return toProjectSummary(project, toAppListItems(own, health), health !== null);
    }),
  );
}
