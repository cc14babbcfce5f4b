import type { AppSpec } from "@/lib/schemas/app";
import { appSpecSchema } from "@/lib/schemas/app";
import { getDb } from "@/server/db/client";
import { auditChange, type Acting, type AuditAction } from "@/server/auth/audit";
import { appSpecOf, findAppOrThrow, toAppRecord, type AppRecord } from "@/server/engine/model/app-record";
import { writeSpec } from "@/server/engine/model/update-app";

/** An edit of part of an app's spec and how its audit row names it. */
export interface SpecEdit {
  action: AuditAction;
  detail: Record<string, unknown>;
  edit: (spec: AppSpec) => unknown;
}

/**
 * Changes part of an app's spec through a function of the current spec, re-validating the
 * result as a whole, and audits it in the same transaction (the hostname/volume helpers are
 * built on it).
 */
export async function editAppSpec(by: Acting, project: string, app: string, change: SpecEdit): Promise<AppRecord> {
  return getDb().$transaction(async (tx) => {
    const row = await findAppOrThrow(tx, project, app);
    const next = appSpecSchema.parse(change.edit(appSpecOf(row)));
    const written = await writeSpec(tx, row, next);
    await auditChange(tx, by, change.action, `${project}/${app}`, change.detail);
    return toAppRecord(written);
  });
}
