import type { AppDetail, AppListItem, Hostname, Volume } from "@/lib/dto/app";
import { appDetailSchema } from "@/lib/dto/app";
import type { AppHealth } from "@/lib/dto/app-status";
import type { ProjectSummary } from "@/lib/dto/project";
import type { StoredAppSpec } from "@/lib/schemas/app";
import type { AppRecord } from "@/server/engine/model/app-record";
import type { ProjectRecord } from "@/server/engine/model/get-project";
import { pvcName } from "@/server/engine/names";
import { getProjectHealth, rollUpHealth } from "@/server/engine/status/app-status";

/**
 * Maps the engine's records to the DTOs the API answers with (lib/dto). The DTO schemas strip
 * whatever the browser has no use for (row ids and the like).
 */

export function toAppDetail(record: AppRecord): AppDetail {
  return appDetailSchema.parse(record);
}

export function hostnameViews(spec: StoredAppSpec): Hostname[] {
  return spec.hostnames.map((h) => ({
    host: h.host,
    path: h.path,
    port: h.port ?? null,
    tlsSecretName: h.tlsSecretName ?? null,
    url: `${h.tlsSecretName ? "https" : "http"}://${h.host}${h.path}`,
  }));
}

export function volumeViews(app: string, spec: StoredAppSpec): Volume[] {
  return spec.volumes.map((v) => ({
    name: v.name,
    size: v.size,
    mountPath: v.mountPath,
    accessMode: v.accessMode,
    storageClass: v.storageClass ?? null,
    claimName: pvcName(app, v.name),
  }));
}

/**
 * Health of each app from the informer caches, or null for all when the cluster cannot be read
 * (the lists still load; the status page says why).
 */
export async function healthOfApps(project: string, apps: AppRecord[]): Promise<Record<string, AppHealth> | null> {
  try {
    return await getProjectHealth(project, apps.map((a) => ({ name: a.name, replicas: a.spec.replicas })));
  } catch {
    return null;
  }
}

export function toAppListItems(apps: AppRecord[], health: Record<string, AppHealth> | null): AppListItem[] {
  return apps.map((a) => ({
    name: a.name,
    image: a.spec.image,
    replicas: a.spec.replicas,
    hosts: [...new Set(a.spec.hostnames.map((h) => h.host))],
    health: health?.[a.name] ?? null,
    updatedAt: a.updatedAt,
  }));
}

export function toProjectSummary(project: ProjectRecord, items: AppListItem[], clusterRead: boolean): ProjectSummary {
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
