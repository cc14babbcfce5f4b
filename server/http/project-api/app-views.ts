import type { AppDetail, Hostname, Volume } from "@/lib/dto/app";
import { appDetailSchema } from "@/lib/dto/app";
import type { StoredAppSpec } from "@/lib/schemas/app";
import type { AppRecord } from "@/server/engine/model/app-record";
import { pvcName } from "@/server/engine/names";

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
