import { AppError } from "@/server/errors";
import type { Acting } from "@/server/auth/audit";
import { editAppSpec } from "@/server/engine/model/edit-app-spec";
import type { AppRecord } from "@/server/engine/model/app-record";

/** Removes a hostname; the next deploy prunes its Ingress rule (or the whole Ingress). */
export async function removeHostname(by: Acting, project: string, app: string, host: string, path = "/"): Promise<AppRecord> {
  return editAppSpec(by, project, app, {
    action: "app.hostname.remove",
    detail: { host, path },
    edit: (spec) => {
      const kept = spec.hostnames.filter((h) => !(h.host === host && h.path === path));
      if (kept.length === spec.hostnames.length) {
        throw new AppError({ code: "not_found", message: `App "${app}" has no hostname ${host}${path}.` });
      }
      return { ...spec, hostnames: kept };
    },
  });
}
