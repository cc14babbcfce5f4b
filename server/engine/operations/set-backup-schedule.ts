import { backupScheduleSchema, type BackupTarget } from "@/lib/schemas/backup";
import { getDb } from "@/server/db/client";
import { auditChange, type Acting } from "@/server/auth/audit";
import { describeBackupTarget, findBackupSubject, ownerName, scheduleKey } from "@/server/engine/backups/find-backup-subject";
import { toOperationRecord, type OperationRecord } from "@/server/engine/operations/operation-record";
import { refuseWhileDeleting, wakeQueue, writeOperation, type Tx } from "@/server/engine/operations/enqueue-operation";

/** Queues the apply of a target's backup volume and CronJob; the queue runs it (server/engine/backups/run-backup-operation.ts). */
export async function queueApplyBackup(tx: Tx, by: Acting, project: string, target: BackupTarget) {
  return writeOperation(tx, by, { project, app: ownerName(target), kind: "apply-backup", payload: { target } });
}

/**
 * Sets (or replaces) a target's backup schedule `{ schedule, timeZone?, keep? }` and queues the
 * apply of its CronJob and of the project's backup volume — no deploy needed. Audited.
 */
export async function setBackupSchedule(by: Acting, project: string, target: BackupTarget, input: unknown): Promise<OperationRecord> {
  const spec = backupScheduleSchema.parse(input);
  const operation = await getDb().$transaction(async (tx) => {
    await findBackupSubject(tx, project, target);
    await refuseWhileDeleting(tx, project, target.kind === "volume" ? target.app : undefined);
    const owner = await tx.project.findUniqueOrThrow({ where: { name: project }, select: { id: true } });
    const key = scheduleKey(target);
    await tx.backupSchedule.upsert({
      where: { projectId_targetKind_targetName: { projectId: owner.id, ...key } },
      create: { projectId: owner.id, ...key, ...spec },
      update: spec,
    });
    const queued = await queueApplyBackup(tx, by, project, target);
    await auditChange(tx, by, "backup.schedule.set", `${project}/${describeBackupTarget(target)}`, spec);
    return queued;
  });
  wakeQueue();
  return toOperationRecord(operation);
}
