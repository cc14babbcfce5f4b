/**
 * What route handlers call to change what runs: each function validates, writes the Operation
 * (and for deploys the Revision) in one transaction, wakes the queue and returns at once.
 * `waitForOperation` lets a caller (tests, `?wait=true`) block until the outcome is known.
 *
 * A deploy of an app supersedes its deploys still queued (the newest spec includes everything
 * they would have done) and tells a running one to stop watching its rollout.
 */
import { appSpecSchema, scaleSchema, type AppSpec } from "@/lib/schemas/app";
import { projectDeleteSchema } from "@/lib/schemas/project";
import type { Prisma } from "@/server/db/generated/client";
import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { runningQueue } from "@/server/engine/engine";
import { appSpecOf, findAppOrThrow, type AppWithRows } from "@/server/engine/model/app-record";
import { writeSpec } from "@/server/engine/model/update-app";
import { createRevision, toRevisionRecord, type RevisionRecord } from "@/server/engine/revisions";
import { rollbackSpec } from "@/server/engine/revision-snapshot";
import { parseJsonColumn } from "@/server/engine/spec-rows";
import { storedAppSpecSchema } from "@/lib/schemas/app";
import { toOperationRecord, type OperationRecord } from "@/server/engine/operations/operation-record";
import { DEPLOY_KINDS, isFinished, OPERATION_STATUS, type DeployKind } from "@/server/engine/operations/operation-status";

export interface AppTarget {
  project: string;
  app: string;
  /** The user's name, recorded on the operation and the revision. */
  actor?: string | null;
}

export interface DeployResult {
  operation: OperationRecord;
  revision: RevisionRecord;
}

type Tx = Prisma.TransactionClient;

/** Deploys the app's current spec as a new revision. */
export function deployApp(target: AppTarget & { force?: boolean }): Promise<DeployResult> {
  return enqueueDeploy(target, target.force ? "reapply" : "deploy", (_tx, app) => app, { force: target.force === true });
}

/**
 * Re-applies the current spec taking back fields another field manager changed (drift). The
 * only place Berth forces server-side apply: the user has seen the drift and chosen Berth's values.
 */
export function reapplyApp(target: AppTarget): Promise<DeployResult> {
  return deployApp({ ...target, force: true });
}

/** Rolls back to revision `revision`: a new revision with that spec, which also becomes the app's spec. */
export function rollbackApp(target: AppTarget & { revision: number }): Promise<DeployResult> {
  return enqueueDeploy(target, "rollback", async (tx, app) => {
    const old = await tx.revision.findUnique({ where: { appId_number: { appId: app.id, number: target.revision } } });
    if (!old) throw new AppError({ code: "not_found", message: `App "${app.name}" has no revision ${target.revision} — pick one from its revision list.` });
    const spec = rollbackSpec(old, appSpecOf(app).secretEnv);
    if (!spec.ok) throw new AppError({ code: "invalid", message: `revision: ${spec.problem}.` });
    return writeSpec(tx, app, spec.spec);
  });
}

/** Restarts every pod (as `kubectl rollout restart`): a new pod-template annotation berth.dev/restartedAt. */
export function restartApp(target: AppTarget): Promise<DeployResult> {
  return enqueueDeploy(target, "restart", async (tx, app) => {
    await tx.app.update({ where: { id: app.id }, data: { restartedAt: new Date() } });
    return findAppOrThrow(tx, target.project, target.app);
  });
}

/** Sets the number of replicas (0–50; at most 1 with a single-attach volume). */
export function scaleApp(target: AppTarget & { replicas: number }): Promise<DeployResult> {
  const { replicas } = scaleSchema.parse({ replicas: target.replicas });
  return enqueueDeploy(target, "scale", (tx, app) => withReplicas(tx, app, replicas));
}

/** Scales to 0; `startApp` brings back the previous count. */
export function stopApp(target: AppTarget): Promise<DeployResult> {
  return enqueueDeploy(target, "stop", (tx, app) => withReplicas(tx, app, 0));
}

/** Scales a stopped app back to the replicas of its last revision that had any (1 if none). */
export function startApp(target: AppTarget): Promise<DeployResult> {
  return enqueueDeploy(target, "start", async (tx, app) => {
    const current = appSpecOf(app);
    if (current.replicas > 0) return app;
    const revisions = await tx.revision.findMany({ where: { appId: app.id }, orderBy: { number: "desc" }, select: { number: true, spec: true } });
    const previous = revisions.map((r) => parseJsonColumn(`Revision ${r.number} spec`, r.spec, storedAppSpecSchema).replicas).find((n) => n > 0);
    return withReplicas(tx, app, previous ?? 1);
  });
}

/** Deletes the app's objects (PVCs only with `deleteData`), then its rows. */
export async function deleteApp(target: AppTarget & { deleteData?: boolean }): Promise<OperationRecord> {
  const op = await getDb().$transaction(async (tx) => {
    await findAppOrThrow(tx, target.project, target.app);
    await refuseWhileDeleting(tx, target.project, target.app);
    await supersedeQueuedDeploys(tx, target.project, target.app);
    return tx.operation.create({
      data: {
        projectName: target.project,
        appName: target.app,
        kind: "delete-app",
        payload: JSON.stringify({ deleteData: target.deleteData === true }),
        actor: target.actor ?? null,
        createdAt: await nextCreatedAt(tx, target.project),
      },
    });
  });
  runningQueue()?.supersede(target.project, target.app);
  runningQueue()?.kick();
  return toOperationRecord(op);
}

/**
 * Deletes a project: its Namespace (and so everything in it, data included), then its rows.
 * `confirm` must be the project's name, typed by the user.
 */
export async function deleteProject(target: { project: string; confirm: unknown; actor?: string | null }): Promise<OperationRecord> {
  const { confirm } = projectDeleteSchema.parse({ confirm: target.confirm });
  if (confirm !== target.project) {
    throw new AppError({ code: "invalid", message: `confirm: type the project's name ("${target.project}") to delete it and everything in it` });
  }
  const op = await getDb().$transaction(async (tx) => {
    const project = await tx.project.findUnique({ where: { name: target.project } });
    if (!project) throw new AppError({ code: "not_found", message: `There is no project "${target.project}".` });
    await refuseWhileDeleting(tx, target.project);
    return tx.operation.create({ data: { projectName: target.project, kind: "delete-project", actor: target.actor ?? null, createdAt: await nextCreatedAt(tx, target.project) } });
  });
  runningQueue()?.kick();
  return toOperationRecord(op);
}

/** The operation now; with `timeoutMs`, waits (polling the database) until it has finished or the time is up. */
export async function waitForOperation(id: string, timeoutMs = 0): Promise<OperationRecord> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await getDb().operation.findUnique({ where: { id } });
    if (!row) throw new AppError({ code: "not_found", message: `There is no operation ${id}.` });
    if (isFinished(row.status) || Date.now() >= deadline) return toOperationRecord(row);
    await new Promise((resolve) => setTimeout(resolve, Math.min(100, Math.max(1, deadline - Date.now()))));
  }
}

/** One operation by id, or AppError not_found. */
export function getOperation(id: string): Promise<OperationRecord> {
  return waitForOperation(id, 0);
}

async function enqueueDeploy(
  target: AppTarget,
  kind: DeployKind,
  change: (tx: Tx, app: AppWithRows) => Promise<AppWithRows> | AppWithRows,
  payload: Record<string, unknown> = {},
): Promise<DeployResult> {
  const result = await getDb().$transaction(async (tx) => {
    const before = await findAppOrThrow(tx, target.project, target.app);
    await refuseWhileDeleting(tx, target.project, target.app);
    const app = await change(tx, before);
    await supersedeQueuedDeploys(tx, target.project, target.app);
    const revision = await createRevision(tx, app, appSpecOf(app), target.actor ?? null);
    const operation = await tx.operation.create({
      data: {
        projectName: target.project,
        appName: target.app,
        kind,
        payload: JSON.stringify(payload),
        revisionId: revision.id,
        actor: target.actor ?? null,
        createdAt: await nextCreatedAt(tx, target.project),
      },
    });
    return { operation, revision };
  });
  runningQueue()?.supersede(target.project, target.app);
  runningQueue()?.kick();
  return { operation: toOperationRecord(result.operation), revision: toRevisionRecord(result.revision) };
}

/**
 * The queue runs a project's operations in createdAt order, and ids do not sort: two operations
 * queued within the same millisecond (deploy, then delete) get distinct, increasing times.
 */
async function nextCreatedAt(tx: Tx, project: string): Promise<Date> {
  const last = await tx.operation.findFirst({ where: { projectName: project }, orderBy: { createdAt: "desc" }, select: { createdAt: true } });
  const now = Date.now();
  return new Date(last && last.createdAt.getTime() >= now ? last.createdAt.getTime() + 1 : now);
}

async function withReplicas(tx: Tx, app: AppWithRows, replicas: number): Promise<AppWithRows> {
  const next: AppSpec = appSpecSchema.parse({ ...appSpecOf(app), replicas });
  return writeSpec(tx, app, next);
}

async function supersedeQueuedDeploys(tx: Tx, project: string, app: string): Promise<void> {
  const queued = await tx.operation.findMany({
    where: { projectName: project, appName: app, status: OPERATION_STATUS.queued, kind: { in: [...DEPLOY_KINDS] } },
  });
  if (queued.length === 0) return;
  await tx.operation.updateMany({ where: { id: { in: queued.map((o) => o.id) } }, data: { status: OPERATION_STATUS.superseded } });
  const revisionIds = queued.map((o) => o.revisionId).filter((id): id is string => id !== null);
  await tx.revision.updateMany({
    where: { id: { in: revisionIds }, outcome: "pending" },
    data: { outcome: "superseded", message: "A newer deploy was queued before this one started.", finishedAt: new Date() },
  });
}

async function refuseWhileDeleting(tx: Tx, project: string, app?: string): Promise<void> {
  const deleting = await tx.operation.findFirst({
    where: {
      projectName: project,
      status: { in: [OPERATION_STATUS.queued, OPERATION_STATUS.running] },
      OR: [{ kind: "delete-project" }, ...(app ? [{ kind: "delete-app", appName: app }] : [])],
    },
  });
  if (deleting) {
    throw new AppError({ code: "conflict", message: `${app ? `App "${app}"` : `Project "${project}"`} is being deleted; wait for that to finish.` });
  }
}
