import { AppError } from "@/server/errors";
import type { Acting } from "@/server/auth/audit";
import { editAppSpec } from "@/server/engine/model/edit-app-spec";
import type { AppRecord } from "@/server/engine/model/app-record";

/**
 * Removes a volume from the app's spec: the next deploy stops mounting it. Its PVC — the data —
 * stays in the cluster (prune never deletes claims unless asked); delete the app with
 * `deleteData` or the claim by hand to free it.
 */
export async function removeVolume(by: Acting, project: string, app: string, volume: string): Promise<AppRecord> {
  return editAppSpec(by, project, app, {
    action: "app.volume.remove",
    detail: { volume },
    edit: (spec) => {
      const kept = spec.volumes.filter((v) => v.name !== volume);
      if (kept.length === spec.volumes.length) throw new AppError({ code: "not_found", message: `App "${app}" has no volume "${volume}".` });
      return { ...spec, volumes: kept };
    },
  });
}
