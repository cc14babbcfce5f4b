import type { Job } from "kubernetes-types/batch/v1";
import type { BackupTarget } from "@/lib/schemas/backup";
import type { BackupRun } from "@/lib/schemas/backup-view";
import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { auditChange, type Acting } from "@/server/auth/audit";
import { applyBackupObjects } from "@/server/engine/backups/backup-objects";
import { summarizeBackupRun } from "@/server/engine/backups/explain-backup-run";
import { describeBackupTarget, findBackupSchedule, findBackupSubject } from "@/server/engine/backups/find-backup-subject";
import { isBusy, readBackups } from "@/server/engine/backups/read-backups";
import { jobFromCronJob, randomSuffix } from "@/server/engine/operations/run-task";
import { clusterKubeConfig } from "@/server/kube/cluster";
import { createObject } from "@/server/kube/create-object";
import type { KubeObject } from "@/server/kube/kube-object";

/**
 * "Back up now": one backup run at once, as `kubectl create job --from=cronjob/<target>-backup`
 * makes it. Works without a schedule: the CronJob (and the backup volume) are applied first,
 * suspended when there is no schedule, so there is always a template to instantiate. Refused
 * while a backup or restore of the target runs (two would fight over the same files). Audited.
 *
 * Not queued: like the task's Run now it is one create, and the caller needs the run's name.
 */
export async function runBackup(by: Acting, project: string, target: BackupTarget): Promise<BackupRun> {
  const db = getDb();
  const subject = await findBackupSubject(db, project, target);
  const busy = isBusy(await readBackups(project, target));
  if (busy) throw new AppError({ code: "conflict", message: `${describeBackupTarget(target, true)} has ${busy} running — wait for it to finish, then back up.` });
  const row = await findBackupSchedule(db, project, target);
  const cronJob = await applyBackupObjects(clusterKubeConfig(), subject, row ? { schedule: row.schedule, timeZone: row.timeZone, keep: row.keep } : null);
  const job = jobFromCronJob(cronJob, `${subject.cronJobName}-run-${randomSuffix()}`);
  const created = (await createObject(clusterKubeConfig(), job as KubeObject)) as Job;
  await auditChange(db, by, "backup.run", `${project}/${describeBackupTarget(target)}`, { job: created.metadata?.name });
  return summarizeBackupRun({ job: created, pods: [], now: new Date() }, subject.dumpTool);
}
