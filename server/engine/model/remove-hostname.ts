import { AppError } from "@/server/errors";
import { editAppSpec } from "@/server/engine/model/edit-app-spec";
import type { AppRecord } from "@/server/engine/model/app-record";

/** Removes a hostname; the next deploy prunes its Ingress rule (or the whole Ingress). */
export async function removeHostname(project: string, app: string, host: string, path = "/"): Promise<AppRecord> {
  return editAppSpec(project, app, (spec) => {
    const kept = spec.hostnames.filter((h) => !(h.host === host && h.path === path));
    if (kept.length === spec.hostnames.length) {
      throw new AppError({ code: "not_found", message: `App "${app}" has no hostname ${host}${path}.` });
    }
    return { ...spec, hostnames: kept };
  });
}
