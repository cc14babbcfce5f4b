/**
 * The queue's runner for "restore-backup", a restore at the volume level (Redis, Valkey, app
 * volumes): the workload is scaled to 0 and its pods waited out (a ReadWriteOnce volume
 * attaches to one pod, and a server must not write while its files are replaced), the restore
 * Job runs against the freed claim, then Berth applies the workload as it renders it again, so
 * its replicas come back. Serialized with the database's or app's other operations by the queue.
 *
 * The scale-down is applied under its own field manager with force, and the final apply by
 * Berth's manager with force takes `spec.replicas` back, so no foreign owner is left behind to
 * make a later deploy conflict.
 */
import type { KubeConfig } from "@kubernetes/client-node";
import type { Job } from "kubernetes-types/batch/v1";
import type { BackupTarget } from "@/lib/schemas/backup";
import type { Operation } from "@/server/db/generated/client";
import { applyObjects } from "@/server/engine/apply-objects";
import { findBackupSubject } from "@/server/engine/backups/find-backup-subject";
import { renderRestoreJob } from "@/server/engine/backups/render-backup";
import type { BackupSubject } from "@/server/engine/backups/backup-subject";
import { credentialsOf, databaseSpecOf } from "@/server/engine/databases/database-record";
import { databaseSelector } from "@/server/engine/databases/database-labels";
import { renderDatabase } from "@/server/engine/databases/render-database";
import { namespaceName } from "@/server/engine/names";
import type { OperationContext } from "@/server/engine/operations/operation-queue";
import { selectorLabels } from "@/server/engine/render/labels";
import { applyObject } from "@/server/kube/apply-object";
import { clusterKubeConfig } from "@/server/kube/cluster";
import { createObject } from "@/server/kube/create-object";
import { isKubeApiError } from "@/server/kube/kube-api-error";
import { resourceKindNamed } from "@/server/kube/kind-registry";
import type { KubeObject } from "@/server/kube/kube-object";
import { listObjects } from "@/server/kube/list-managed";
import { readObject } from "@/server/kube/read-object";

export const RESTORE_FIELD_MANAGER = "berth-restore";
const POLL_MS = 250;
/** How long the workload's pods may take to go, and the restore Job to finish. */
const PODS_GONE_MS = 5 * 60_000;
const JOB_DONE_MS = 60 * 60_000;

export interface RestorePayload {
  target: BackupTarget;
  file: string;
  job: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, limitMs: number, signal: AbortSignal, test: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await test())) {
    if (signal.aborted) throw new Error("The engine is stopping.");
    if (Date.now() > deadline) throw new Error(`${what} took longer than ${Math.round(limitMs / 60_000)} minutes.`);
    await sleep(POLL_MS);
  }
}

function isFinished(job: Job | undefined): boolean {
  return (job?.status?.conditions ?? []).some((c) => c.status === "True" && (c.type === "Complete" || c.type === "Failed"));
}

/** The workload as Berth renders it now: the database's StatefulSet, or the app's Deployment from its newest applied revision. */
async function renderedWorkload(ctx: OperationContext, project: string, subject: BackupSubject): Promise<KubeObject[]> {
  if (subject.target.kind === "database") {
    const row = await ctx.db.database.findFirst({ where: { name: subject.target.name, project: { name: project } } });
    if (!row) return [];
    const objects = renderDatabase({ spec: databaseSpecOf(row), credentials: credentialsOf(row), claimSize: row.claimSize }, { name: project }) as unknown as KubeObject[];
    return objects.filter((o) => o.kind === "StatefulSet");
  }
  const app = subject.target.app;
  const revision = await ctx.db.revision.findFirst({ where: { app: { name: app, project: { name: project } }, outcome: "succeeded" }, orderBy: { number: "desc" } });
  return revision ? (JSON.parse(revision.objects) as KubeObject[]).filter((o) => o.kind === "Deployment") : [];
}

export async function runRestoreBackup(op: Operation, ctx: OperationContext): Promise<void> {
  const payload = JSON.parse(op.payload || "{}") as Partial<RestorePayload>;
  if (!payload.target || !payload.file || !payload.job) return;
  const kubeConfig: KubeConfig = clusterKubeConfig();
  const project = op.projectName;
  const subject = await findBackupSubject(ctx.db, project, payload.target);
  if (subject.restore.kind !== "volume") return;
  const namespace = namespaceName(project);
  const { workload } = subject.restore;
  const apiVersion = "apps/v1";
  const workloads = await renderedWorkload(ctx, project, subject);

  await applyObject(kubeConfig, { apiVersion, kind: workload.kind, metadata: { name: workload.name, namespace }, spec: { replicas: 0 } } as KubeObject, { force: true, fieldManager: RESTORE_FIELD_MANAGER, signal: ctx.signal });
  const selector = subject.target.kind === "database" ? databaseSelector(project, subject.target.name) : selectorLabels(project, subject.target.app);
  const labelSelector = Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(",");
  try {
    await until("Stopping the workload", PODS_GONE_MS, ctx.signal, async () => (await listObjects(kubeConfig, resourceKindNamed("Pod"), { namespace, labelSelector })).items.length === 0);
    const jobRef = { apiVersion: "batch/v1", kind: "Job", namespace, name: payload.job };
    if (!(await readObject(kubeConfig, jobRef))) {
      const suffix = payload.job.slice(-5);
      try {
        await createObject(kubeConfig, renderRestoreJob(subject, payload.file, suffix) as KubeObject);
      } catch (err) {
        if (!isKubeApiError(err, 409)) throw err; // made by an earlier attempt of this operation
      }
    }
    await until("The restore", JOB_DONE_MS, ctx.signal, async () => isFinished((await readObject(kubeConfig, jobRef)) as Job | undefined));
  } finally {
    // Whatever the restore's outcome, the workload comes back (its data is the restored files, or
    // untouched when the Job failed before writing).
    if (workloads.length > 0) await applyObjects(kubeConfig, workloads, { force: true, signal: ctx.signal });
  }
}
