import type { AppListRecord } from "@/server/engine/model/list-apps";
import { pvcName } from "@/server/engine/names";
import type { AppStatusOptions } from "@/server/engine/status/app-status";

/**
 * What the model says an app should be — its replicas and the claims it mounts — which the
 * cluster alone cannot tell (a claim that was never created, a scale-down still under way).
 * Every query that reports a status passes this, so REST and the live socket agree.
 */
export function intentOf(app: AppListRecord): Pick<AppStatusOptions, "desiredReplicas" | "expectedVolumes"> {
  return {
    desiredReplicas: app.spec.replicas,
    expectedVolumes: app.spec.volumes.map((v) => pvcName(app.name, v.name)),
  };
}
