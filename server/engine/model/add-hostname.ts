import { hostnameSpecSchema } from "@/lib/schemas/app";
import { editAppSpec } from "@/server/engine/model/edit-app-spec";
import type { AppRecord } from "@/server/engine/model/app-record";

/** Adds a hostname to an app (takes effect on the next deploy). Body: `{ host, path?, port?, tlsSecretName? }`. */
export async function addHostname(project: string, app: string, input: unknown): Promise<AppRecord> {
  const hostname = hostnameSpecSchema.parse(input);
  return editAppSpec(project, app, (spec) => ({ ...spec, hostnames: [...spec.hostnames, hostname] }));
}
