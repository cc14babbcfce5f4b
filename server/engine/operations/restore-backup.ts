import type { Job } from "kubernetes-types/batch/v1";
import { restoreBackupSchema, type BackupTarget } from "@/lib/schemas/backup";
import type { BackupRestore } from "@/lib/schemas/backup-view";
import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { auditChange, type Acting } from "@/server/auth/audit";
import type { BackupSubject } from "@/server/engine/backups/backup-subject";
import { summarizeRestore } from "@/server/engine/backups/explain-backup-run";
import { describeBackupTarget, findBackupSubject, ownerName } from "@/server/engine/backups/find-backup-subject";
import type { RestorePayload } from "@/server/engine/backups/run-restore-operation";
import { wakeQueue, writeOperation } from "@/server/engine/operations/enqueue-operation";
import { isBusy, readBackups } from "@/server/engine/backups/read-backups";
import { renderRestoreJob } from "@/server/engine/backups/render-backup";
import { randomSuffix } from "@/server/engine/operations/run-task";
import { clusterKubeConfig } from "@/server/kube/cluster";
import { createObject } from "@/server/kube/create-object";
import type { KubeObject } from "@/server/kube/kube-object";

/** What a restore does to the target, for the confirmation sentence. */
function consequence(subject: BackupSubject): string {
  if (subject.target.kind === "volume") return "it replaces the volume's current files, and the app is stopped meanwhile";
  if (subject.restore.kind === "volume") return "it replaces the database's current data, and the database is stopped meanwhile";
  return "it replaces the database's current data";
}

/**
 * Restores one backup file of the target, after the typed confirmation `{ confirm: <name> }`.
 * The file must be in the target's listing. A database with a restore tool (PostgreSQL, MySQL,
 * MariaDB, MongoDB) restores into the running server with a Job; Redis, Valkey and app volumes
 * restore their files with the workload stopped, through the queue. Refused while a backup or
 * another restore runs (or is queued). Audited.
 */
export async function restoreBackup(by: Acting, project: string, target: BackupTarget, file: string, input: unknown): Promise<BackupRestore> {
  const { confirm } = restoreBackupSchema.parse(input ?? {});
  const db = getDb();
  const subject = await findBackupSubject(db, project, target);
  if (confirm !== subject.displayName) {
    throw new AppError({ code: "invalid", message: `Type ${subject.displayName} to confirm the restore: ${consequence(subject)}.` });
  }
  const view = await readBackups(project, target);
  if (!view.backups.some((b) => b.file === file)) {
    throw new AppError({ code: "not_found", message: `${describeBackupTarget(target, true)} has no backup "${file}" — pick one from its backups list.` });
  }
  const busy = isBusy(view);
  if (busy) throw new AppError({ code: "conflict", message: `${describeBackupTarget(target, true)} has ${busy} running — wait for it to finish, then restore.` });
  const job = renderRestoreJob(subject, file, randomSuffix());
  const auditTarget = `${project}/${describeBackupTarget(target)}`;
  if (subject.restore.kind === "volume") {
    // Stopping the workload, waiting and starting it again outlives a request: the queue runs it.
    const payload: RestorePayload = { target, file, job: job.metadata!.name! };
    await db.$transaction(async (tx) => {
      await writeOperation(tx, by, { project, app: ownerName(target), kind: "restore-backup", payload: { ...payload } });
      await auditChange(tx, by, "backup.restore", auditTarget, { file, job: payload.job });
    });
    wakeQueue();
    return { name: payload.job, file, startedAt: null, finishedAt: null, outcome: "running", message: null };
  }
  const created = (await createObject(clusterKubeConfig(), job as KubeObject)) as Job;
  await auditChange(db, by, "backup.restore", auditTarget, { file, job: created.metadata?.name });
  return summarizeRestore({ job: created, pods: [], now: new Date() }, subject.restore.container.command![0]!);
}
