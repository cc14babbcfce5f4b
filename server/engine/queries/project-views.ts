import type { AppListItem } from "@/lib/dto/app";
import type { AppHealth } from "@/lib/dto/app-status";
import type { ProjectSummary } from "@/lib/dto/project";
import type { AppListRecord } from "@/server/engine/model/list-apps";
import type { ProjectRecord } from "@/server/engine/model/get-project";
import { getProjectHealth, rollUpHealth } from "@/server/engine/status/app-status";

/**
 * The pieces the project queries share: each app's health from the informer caches, and the
 * mapping of records plus health to the list DTOs (lib/dto).
 */

/**
 * Health of each app of one project, or null for all when the cluster cannot be read (the
 * lists still load; the status page says why).
 */
export async function healthOfApps(project: string, apps: ReadonlyArray<{ name: string; spec: { replicas: number } }>): Promise<Record<string, AppHealth> | null> {
  try {
    return await getProjectHealth(project, apps.map((a) => ({ name: a.name, replicas: a.spec.replicas })));
  } catch {
    return null;
  }
}

/** Apps grouped by project, in the order given (Node 20 has no Map.groupBy). */
export function appsByProject<App extends { project: string }>(apps: App[]): Map<string, App[]> {
  const out = new Map<string, App[]>();
  for (const app of apps) {
    const own = out.get(app.project);
    if (own) own.push(app);
    else out.set(app.project, [app]);
  }
  return out;
}

export function toAppListItems(apps: AppListRecord[], health: Record<string, AppHealth> | null): AppListItem[] {
  return apps.map((a) => ({
    name: a.name,
    image: a.spec.image,
    replicas: a.spec.replicas,
    hosts: [...new Set(a.spec.hostnames.map((h) => h.host))],
    isWorker: a.spec.port === undefined,
    health: health?.[a.name] ?? null,
    updatedAt: a.updatedAt,
  }));
}

/** `clusterRead` false: the cluster could not be read, so the project's health is unknown (null). */
export function toProjectSummary(project: ProjectRecord, items: ReadonlyArray<Pick<AppListItem, "health">>, clusterRead: boolean): ProjectSummary {
  const healths = items.map((i) => i.health).filter((h): h is AppHealth => h !== null);
  return {
    name: project.name,
    displayName: project.displayName,
    namespace: project.name,
    appCount: project.appCount,
    health: clusterRead ? rollUpHealth(healths) : null,
    createdAt: project.createdAt,
  };
}
