import type { ProjectSummary } from "@/lib/dto/project";
import { listAllAppScales } from "@/server/engine/model/list-apps";
import { listProjects } from "@/server/engine/model/list-projects";
import { appsByProject, healthOfApps, toProjectSummary } from "@/server/engine/queries/project-views";

/** Which projects and apps a listing shows (a deploy token sees only its scope). */
export type IsVisible = (project: string, app?: string) => boolean;

/**
 * Every project with its app count and the health of its worst app, of those `isVisible` lets
 * through. The projects and all their apps' replicas come from three reads of the database
 * whatever their number; health from the informer caches.
 */
export async function listProjectSummaries(isVisible: IsVisible = () => true): Promise<ProjectSummary[]> {
  const [projects, apps] = await Promise.all([listProjects(), listAllAppScales()]);
  const appsOf = appsByProject(apps.filter((app) => isVisible(app.project, app.name)));
  return Promise.all(
    projects.filter((project) => isVisible(project.name)).map(async (project) => {
      const own = appsOf.get(project.name) ?? [];
      const health = await healthOfApps(project.name, own);
      // Counted from the visible apps, so a token scoped to one app does not learn how many others there are.
      return toProjectSummary({ ...project, appCount: own.length }, own.map((app) => ({ health: health?.[app.name] ?? null })), health !== null);
    }),
  );
}
