import type { BackupTarget } from "@/lib/schemas/backup";
import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { auditChange, type Acting } from "@/server/auth/audit";
import { describeBackupTarget, findBackupSubject, scheduleKey } from "@/server/engine/backups/find-backup-subject";
import { toOperationRecord, type OperationRecord } from "@/server/engine/operations/operation-record";
import { wakeQueue } from "@/server/engine/operations/enqueue-operation";
import { queueApplyBackup } from "@/server/engine/operations/set-backup-schedule";

/** Removes a target's backup schedule; its CronJob is suspended (the files and their list stay). Audited. */
export async function removeBackupSchedule(by: Acting, project: string, target: BackupTarget): Promise<OperationRecord> {
  const operation = await getDb().$transaction(async (tx) => {
    await findBackupSubject(tx, project, target);
    const owner = await tx.project.findUniqueOrThrow({ where: { name: project }, select: { id: true } });
    const removed = await tx.backupSchedule.deleteMany({ where: { projectId: owner.id, ...scheduleKey(target) } });
    if (removed.count === 0) throw new AppError({ code: "not_found", message: `${describeBackupTarget(target, true)} has no backup schedule.` });
    const queued = await queueApplyBackup(tx, by, project, target);
    await auditChange(tx, by, "backup.schedule.remove", `${project}/${describeBackupTarget(target)}`);
    return queued;
  });
  wakeQueue();
  return toOperationRecord(operation);
}
