/**
 * The queue's runner for "apply-backup" (server/engine/operations/run-operation.ts hands it
 * over): the target's backup volume and CronJob as its schedule row says now — scheduled, or
 * suspended when the row is gone. Read when it runs, so a retry applies the latest schedule.
 */
import type { Operation } from "@/server/db/generated/client";
import type { BackupTarget } from "@/lib/schemas/backup";
import { applyBackupObjects } from "@/server/engine/backups/backup-objects";
import { findBackupSchedule, findBackupSubject } from "@/server/engine/backups/find-backup-subject";
import type { OperationContext } from "@/server/engine/operations/operation-queue";
import { AppError } from "@/server/errors";
import { clusterKubeConfig } from "@/server/kube/cluster";

export async function runApplyBackup(op: Operation, ctx: OperationContext): Promise<void> {
  const { target } = JSON.parse(op.payload || "{}") as { target?: BackupTarget };
  if (!target) return;
  let subject;
  try {
    subject = await findBackupSubject(ctx.db, op.projectName, target);
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") return; // the target was deleted before this ran
    throw err;
  }
  const row = await findBackupSchedule(ctx.db, op.projectName, target);
  await applyBackupObjects(clusterKubeConfig(), subject, row ? { schedule: row.schedule, timeZone: row.timeZone, keep: row.keep } : null, ctx.signal);
}
