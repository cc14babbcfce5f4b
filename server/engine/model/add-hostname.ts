import { hostnameSpecSchema } from "@/lib/schemas/app";
import type { Acting } from "@/server/auth/audit";
import { editAppSpec } from "@/server/engine/model/edit-app-spec";
import type { AppRecord } from "@/server/engine/model/app-record";

/** Adds a hostname to an app (takes effect on the next deploy). Body: `{ host, path?, port?, tlsSecretName? }`. */
export async function addHostname(by: Acting, project: string, app: string, input: unknown): Promise<AppRecord> {
  const hostname = hostnameSpecSchema.parse(input);
  return editAppSpec(by, project, app, {
    action: "app.hostname.add",
    detail: { host: hostname.host, path: hostname.path },
    edit: (spec) => ({ ...spec, hostnames: [...spec.hostnames, hostname] }),
  });
}
