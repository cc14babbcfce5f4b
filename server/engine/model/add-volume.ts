import { volumeSpecSchema } from "@/lib/schemas/app";
import type { Acting } from "@/server/auth/audit";
import { editAppSpec } from "@/server/engine/model/edit-app-spec";
import type { AppRecord } from "@/server/engine/model/app-record";

/** Adds a volume (a PVC mounted into the app) on the next deploy. Body: `{ name, size, mountPath, accessMode?, storageClass? }`. */
export async function addVolume(by: Acting, project: string, app: string, input: unknown): Promise<AppRecord> {
  const volume = volumeSpecSchema.parse(input);
  return editAppSpec(by, project, app, {
    action: "app.volume.add",
    detail: { volume: volume.name },
    edit: (spec) => ({ ...spec, volumes: [...spec.volumes, volume] }),
  });
}
