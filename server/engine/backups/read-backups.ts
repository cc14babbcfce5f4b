/**
 * The read side of backups: a target's schedule, its kept files, its backup runs and restores,
 * and whether its backups are overdue. Read from the API rather than the informers, like the
 * task history: the page is opened rarely and the Job's pods must be current for downloads.
 */
import type { CronJob, Job } from "kubernetes-types/batch/v1";
import type { Event, PersistentVolumeClaim, Pod } from "kubernetes-types/core/v1";
import { previewSchedule } from "@/lib/cron/schedule-preview";
import type { BackupTarget } from "@/lib/schemas/backup";
import type { BackupRestore, BackupView } from "@/lib/schemas/backup-view";
import { getDb } from "@/server/db/client";
import { VOLUME_CONSISTENCY, type BackupSubject } from "@/server/engine/backups/backup-subject";
import { backupWarning } from "@/server/engine/backups/backup-warning";
import { failedStep, listingOf, parseBackupListing, summarizeBackupRun, summarizeRestore, type JobInputs } from "@/server/engine/backups/explain-backup-run";
import { describeBackupTarget, findBackupSchedule, findBackupSubject, ownerName } from "@/server/engine/backups/find-backup-subject";
import type { RestorePayload } from "@/server/engine/backups/run-restore-operation";
import { OPERATION_STATUS } from "@/server/engine/operations/operation-status";
import { BACKUP_CLAIM, LABEL_BACKUP_OF, LABEL_RESTORE } from "@/server/engine/backups/render-backup";
import { namespaceName } from "@/server/engine/names";
import { LABEL_PROJECT } from "@/server/engine/render/labels";
import { clusterKubeConfig } from "@/server/kube/cluster";
import { resourceKindNamed } from "@/server/kube/kind-registry";
import { listObjects } from "@/server/kube/list-managed";
import { readLastLogLine } from "@/server/kube/read-last-log-line";
import { readObject } from "@/server/kube/read-object";

/** The live objects of one target's backups. */
export interface BackupObjects {
  cronJob: CronJob | undefined;
  claim: PersistentVolumeClaim | undefined;
  jobs: Job[];
  pods: Pod[];
  events: Event[];
}

export async function readBackupObjects(subject: BackupSubject): Promise<BackupObjects> {
  const kubeConfig = clusterKubeConfig();
  const namespace = namespaceName(subject.project);
  const selector = `${LABEL_PROJECT}=${subject.project},${LABEL_BACKUP_OF}=${subject.dir}`;
  const [cronJob, claim, jobs, pods, events] = await Promise.all([
    readObject(kubeConfig, { apiVersion: "batch/v1", kind: "CronJob", namespace, name: subject.cronJobName }),
    readObject(kubeConfig, { apiVersion: "v1", kind: "PersistentVolumeClaim", namespace, name: BACKUP_CLAIM }),
    listObjects(kubeConfig, resourceKindNamed("Job"), { namespace, labelSelector: selector }),
    listObjects(kubeConfig, resourceKindNamed("Pod"), { namespace, labelSelector: selector }),
    listObjects(kubeConfig, resourceKindNamed("Event"), { namespace }),
  ]);
  return {
    cronJob: cronJob as CronJob | undefined,
    claim: claim as PersistentVolumeClaim | undefined,
    jobs: jobs.items as unknown as Job[],
    pods: pods.items as unknown as Pod[],
    events: events.items as unknown as Event[],
  };
}

const byUid = (uid: string | undefined) => (obj: { metadata?: { ownerReferences?: Array<{ uid: string }> } }) => Boolean(uid) && (obj.metadata?.ownerReferences ?? []).some((r) => r.uid === uid);
const newestFirst = (a: Job, b: Job) => Date.parse(b.metadata?.creationTimestamp ?? "") - Date.parse(a.metadata?.creationTimestamp ?? "");

/** Each Job with its pods, newest first; the newest failed one gets its failed container's last log line. */
async function withLogs(subject: BackupSubject, jobs: Job[], objects: BackupObjects, now: Date): Promise<JobInputs[]> {
  const inputs: JobInputs[] = [];
  let isFirstFailure = true;
  for (const job of [...jobs].sort(newestFirst)) {
    const pods = objects.pods.filter(byUid(job.metadata?.uid));
    const input: JobInputs = { job, pods, events: objects.events, now };
    const step = isFirstFailure ? failedStep(pods) : undefined;
    if (step) {
      isFirstFailure = false;
      input.lastLogLine = await readLastLogLine(clusterKubeConfig(), { namespace: namespaceName(subject.project), pod: step.pod, container: step.container });
    }
    inputs.push(input);
  }
  return inputs;
}

/** A Job is one of the target's backup runs if its CronJob owns it; restores are labelled. */
function splitJobs(objects: BackupObjects): { runs: Job[]; restores: Job[] } {
  const restores = objects.jobs.filter((j) => j.metadata?.labels?.[LABEL_RESTORE] === "true");
  const runs = objects.jobs.filter((j) => j.metadata?.labels?.[LABEL_RESTORE] !== "true" && byUid(objects.cronJob?.metadata?.uid)(j));
  return { runs, restores };
}

/** Volume-level restores the queue has not made a Job for yet: running, as far as the user is concerned. */
async function queuedRestores(project: string, target: BackupTarget, jobs: Job[]): Promise<BackupRestore[]> {
  const ops = await getDb().operation.findMany({
    where: { projectName: project, appName: ownerName(target), kind: "restore-backup", status: { in: [OPERATION_STATUS.queued, OPERATION_STATUS.running] } },
    orderBy: { createdAt: "desc" },
  });
  const made = new Set(jobs.map((j) => j.metadata?.name));
  const restores: BackupRestore[] = [];
  for (const op of ops) {
    const payload = JSON.parse(op.payload || "{}") as Partial<RestorePayload>;
    if (!payload.job || !payload.target || made.has(payload.job) || payload.target.kind !== target.kind || describeBackupTarget(payload.target) !== describeBackupTarget(target)) continue;
    restores.push({ name: payload.job, file: payload.file ?? "", startedAt: null, finishedAt: null, outcome: "running", message: null });
  }
  return restores;
}

function targetName(target: BackupTarget): string {
  return target.kind === "database" ? target.name : target.volume;
}

/** The whole backups view of a target, as `GET …/backups` answers it. */
export async function readBackups(project: string, target: BackupTarget, now = new Date()): Promise<BackupView> {
  const db = getDb();
  const subject = await findBackupSubject(db, project, target);
  const row = await findBackupSchedule(db, project, target);
  const objects = await readBackupObjects(subject);
  const jobs = splitJobs(objects);
  const runInputs = await withLogs(subject, jobs.runs, objects, now);
  const runs = runInputs.map((i) => summarizeBackupRun(i, subject.dumpTool));
  const successAt = runs.findIndex((r) => r.outcome === "succeeded");
  const restoreTool = subject.restore.kind === "tool" ? subject.restore.container.command![0]! : "the restore step";
  const restores = [...(await queuedRestores(project, target, jobs.restores)), ...(await withLogs(subject, jobs.restores, objects, now)).map((i) => summarizeRestore(i, restoreTool))];
  const lastSuccessAt = successAt >= 0 ? runs[successAt]!.finishedAt : null;
  const preview = row ? previewSchedule(row.schedule, row.timeZone, now) : undefined;
  const deployed = objects.cronJob?.spec;
  return {
    target: { kind: target.kind, name: targetName(target) },
    schedule: row
      ? {
          schedule: row.schedule,
          timeZone: row.timeZone,
          keep: row.keep,
          description: preview?.ok ? preview.description : row.schedule,
          nextRuns: preview?.ok ? preview.nextRuns : [],
          isDeployed: Boolean(deployed && !deployed.suspend && deployed.schedule === row.schedule && deployed.timeZone === row.timeZone),
        }
      : null,
    volume: { claim: BACKUP_CLAIM, phase: (objects.claim?.status?.phase as "Bound" | "Pending" | "Lost" | undefined) ?? (objects.claim ? "Pending" : null) },
    backups: successAt >= 0 ? parseBackupListing(listingOf(runInputs[successAt]!.pods), subject.ext) : [],
    runs,
    restores,
    lastSuccessAt,
    warning: backupWarning({ schedule: row, lastSuccessAt, now }),
    consistency: target.kind === "volume" ? VOLUME_CONSISTENCY : null,
  };
}

/** Whether a backup run or a restore of the target is going on now (a second one would fight it over the files or the data). */
export function isBusy(view: BackupView): string | undefined {
  if (view.runs.some((r) => r.outcome === "running")) return "a backup";
  if (view.restores.some((r) => r.outcome === "running")) return "a restore";
  return undefined;
}
