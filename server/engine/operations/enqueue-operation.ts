/**
 * The one enqueue step under every public operation (deploy-app.ts, rollback-app.ts, …): in a
 * single transaction it checks the target, applies the operation's change to the model, writes
 * the Operation (and for deploys the Revision) and the audit row; then it wakes the queue and
 * returns at once. `waitForOperation` lets a caller block until the outcome is known.
 *
 * A deploy of an app supersedes its deploys still queued (the newest spec includes everything
 * they would have done) and tells a running one to stop watching its rollout.
 */
import type { Prisma } from "@/server/db/generated/client";
import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { auditChange, type Acting, type AuditAction } from "@/server/auth/audit";
import { runningQueue } from "@/server/engine/engine";
import { appSpecOf, findAppOrThrow, type AppWithRows } from "@/server/engine/model/app-record";
import { createRevision, toRevisionRecord, type RevisionRecord } from "@/server/engine/revisions";
import { toOperationRecord, type OperationRecord } from "@/server/engine/operations/operation-record";
import { DEPLOY_KINDS, OPERATION_STATUS, type DeployKind, type OperationKind } from "@/server/engine/operations/operation-status";

export type Tx = Prisma.TransactionClient;

/** The app an operation is about. */
export interface AppTarget {
  project: string;
  app: string;
}

export interface DeployResult {
  operation: OperationRecord;
  revision: RevisionRecord;
}

/** What one deploy-like operation does to the model before its revision is cut. */
export interface DeployStep {
  kind: DeployKind;
  /** The audit action, e.g. "app.deploy". */
  action: AuditAction;
  /** The app's rows after the change (the spec the new revision snapshots). */
  change: (tx: Tx, app: AppWithRows) => Promise<AppWithRows> | AppWithRows;
  /** Stored on the operation for the runner (e.g. `{ force: true }`). */
  payload?: Record<string, unknown>;
  /** Audited beside the new revision's number. */
  detail?: Record<string, unknown>;
}

/** Queues a deploy of `target` as a new revision, after `step.change`; audited as `step.action`. */
export async function enqueueDeploy(by: Acting, target: AppTarget, step: DeployStep): Promise<DeployResult> {
  const result = await getDb().$transaction((tx) => queueDeploy(tx, by, target, step));
  wakeQueue(target);
  return { operation: toOperationRecord(result.operation), revision: toRevisionRecord(result.revision) };
}

/**
 * The transaction's part of {@link enqueueDeploy}, for a change that deploys apps as part of its
 * own transaction (a new registry login redeploys the apps it is for); the caller wakes the queue.
 */
export async function queueDeploy(tx: Tx, by: Acting, target: AppTarget, step: DeployStep) {
  const before = await findAppOrThrow(tx, target.project, target.app);
  await refuseWhileDeleting(tx, target.project, target.app);
  const app = await step.change(tx, before);
  await supersedeQueuedDeploys(tx, target.project, target.app);
  const revision = await createRevision(tx, app, appSpecOf(app), by.principal.userName);
  const operation = await writeOperation(tx, by, { ...target, kind: step.kind, payload: step.payload ?? {}, revisionId: revision.id });
  await auditChange(tx, by, step.action, `${target.project}/${target.app}`, { ...step.detail, revision: revision.number });
  return { operation, revision };
}

/**
 * Writes an Operation row for the queue. The queue runs a project's operations in createdAt
 * order, and ids do not sort: two operations queued within the same millisecond (deploy, then
 * delete) get distinct, increasing times.
 */
export async function writeOperation(
  tx: Tx,
  by: Acting,
  op: { project: string; app?: string; kind: OperationKind; payload?: Record<string, unknown>; revisionId?: string },
) {
  const last = await tx.operation.findFirst({ where: { projectName: op.project }, orderBy: { createdAt: "desc" }, select: { createdAt: true } });
  const now = Date.now();
  return tx.operation.create({
    data: {
      projectName: op.project,
      appName: op.app ?? null,
      kind: op.kind,
      ...(op.payload ? { payload: JSON.stringify(op.payload) } : {}),
      revisionId: op.revisionId ?? null,
      actor: by.principal.userName,
      createdAt: new Date(last && last.createdAt.getTime() >= now ? last.createdAt.getTime() + 1 : now),
    },
  });
}

/** After the transaction: a running deploy of `superseding` may stop watching; look for work now. */
export function wakeQueue(superseding?: AppTarget): void {
  if (superseding) runningQueue()?.supersede(superseding.project, superseding.app);
  runningQueue()?.kick();
}

/** Marks the app's queued deploys superseded (and their pending revisions with them). */
export async function supersedeQueuedDeploys(tx: Tx, project: string, app: string): Promise<void> {
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

/** 409 while the project (or, with `app`, that app) has a delete queued or running. */
export async function refuseWhileDeleting(tx: Tx, project: string, app?: string): Promise<void> {
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
