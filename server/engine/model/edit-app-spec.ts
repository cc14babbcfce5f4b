import type { AppSpec } from "@/lib/schemas/app";
import { appSpecSchema } from "@/lib/schemas/app";
import { getDb } from "@/server/db/client";
import { appSpecOf, findAppOrThrow, toAppRecord, type AppRecord } from "@/server/engine/model/app-record";
import { writeSpec } from "@/server/engine/model/update-app";

/**
 * Changes part of an app's spec through a function of the current spec, re-validating the
 * result as a whole (the hostname/volume helpers are built on it).
 */
export async function editAppSpec(project: string, app: string, edit: (spec: AppSpec) => unknown): Promise<AppRecord> {
  return getDb().$transaction(async (tx) => {
    const row = await findAppOrThrow(tx, project, app);
    const next = appSpecSchema.parse(edit(appSpecOf(row)));
    return toAppRecord(await writeSpec(tx, row, next));
  });
}
