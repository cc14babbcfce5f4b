import { volumeSpecSchema } from "@/lib/schemas/app";
import { editAppSpec } from "@/server/engine/model/edit-app-spec";
import type { AppRecord } from "@/server/engine/model/app-record";

/** Adds a volume (a PVC mounted into the app) on the next deploy. Body: `{ name, size, mountPath, accessMode?, storageClass? }`. */
export async function addVolume(project: string, app: string, input: unknown): Promise<AppRecord> {
  const volume = volumeSpecSchema.parse(input);
  return editAppSpec(project, app, (spec) => ({ ...spec, volumes: [...spec.volumes, volume] }));
}
