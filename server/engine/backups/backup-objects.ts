/**
 * Writes a target's backup objects: the project's backup volume and the target's CronJob, by
 * server-side apply (idempotent, so the queue may retry it and "Back up now" may repeat it).
 */
import type { KubeConfig } from "@kubernetes/client-node";
import type { CronJob } from "kubernetes-types/batch/v1";
import { MAX_BACKUP_KEEP, type BackupScheduleSpec } from "@/lib/schemas/backup";
import type { BackupSubject } from "@/server/engine/backups/backup-subject";
import { renderBackupClaim, renderBackupCronJob } from "@/server/engine/backups/render-backup";
import { applyObject } from "@/server/kube/apply-object";
import type { KubeObject } from "@/server/kube/kube-object";

/**
 * Applies the backup volume and the CronJob: scheduled when `schedule` is given, suspended
 * otherwise. Removing a schedule suspends rather than deletes the CronJob: deleting it would take
 * its Jobs along, and the newest successful Job's termination message is the list of the files
 * kept — they would vanish from the backups list while still on the volume.
 */
export async function applyBackupObjects(kubeConfig: KubeConfig, subject: BackupSubject, schedule: BackupScheduleSpec | null, signal?: AbortSignal): Promise<CronJob> {
  await applyObject(kubeConfig, renderBackupClaim(subject.project) as KubeObject, { signal });
  // Unscheduled, "Back up now" prunes only beyond the most any schedule keeps: removing a schedule
  // must not make the next manual backup delete the files that schedule kept.
  const keep = schedule?.keep ?? MAX_BACKUP_KEEP;
  return (await applyObject(kubeConfig, renderBackupCronJob(subject, schedule, keep) as KubeObject, { signal })) as CronJob;
}
