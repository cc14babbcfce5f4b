/**
 * What each operation kind does. Every step is idempotent — server-side apply, prune and
 * deletes that accept 404 — so an operation interrupted by a crash or retried after a 503 just
 * runs again from the top.
 */
import type { Operation, PrismaClient } from "@/server/db/generated/client";
import { AppError } from "@/server/errors";
import { applyObjects } from "@/server/engine/apply-objects";
import { endBackupSchedulesOf } from "@/server/engine/backups/end-backup-schedules";
import { runApplyBackup } from "@/server/engine/backups/run-backup-operation";
import { runRestoreBackup } from "@/server/engine/backups/run-restore-operation";
import { runApplyDatabase, runDeleteDatabase } from "@/server/engine/databases/run-database-operation";
import { linksChecksumOf } from "@/server/engine/databases/linked-credentials";
import { waitForLinkedDatabases } from "@/server/engine/databases/wait-for-linked-databases";
import { deleteAppObjects } from "@/server/engine/delete-app";
import { deleteProjectNamespace } from "@/server/engine/delete-project";
import type { EngineSettings } from "@/server/engine/engine";
import { appSpecOf, APP_ROWS } from "@/server/engine/model/app-record";
import { renderProjectOf } from "@/server/engine/model/render-project";
import { pruneApp } from "@/server/engine/prune-app";
import { syncRegistrySecret } from "@/server/engine/sync-registry-secret";
import { renderApp } from "@/server/engine/render/render-app";
import { finishRevision, renderOptionsOf } from "@/server/engine/revisions";
import { rollbackSpec } from "@/server/engine/revision-snapshot";
import { trackRollout } from "@/server/engine/track-rollout";
import type { OperationContext } from "@/server/engine/operations/operation-queue";
import { releaseForeignFields } from "@/server/engine/drift/release-foreign-fields";
import { isDeployKind, OPERATION_STATUS } from "@/server/engine/operations/operation-status";
import { clusterKubeConfig } from "@/server/kube/cluster";
import type { KubeObject } from "@/server/kube/kube-object";

/** A failure that must not be retried, with the sentence to record. */
class OperationFailed extends Error {}

export async function runOperation(op: Operation, ctx: OperationContext, settings: EngineSettings): Promise<void> {
  const payload = JSON.parse(op.payload || "{}") as { force?: boolean; deleteData?: boolean; server?: string };
  if (isDeployKind(op.kind)) return runDeploy(op, ctx, settings, payload.force === true);
  if (op.kind === "delete-app") return runDeleteApp(op, ctx, payload.deleteData === true);
  if (op.kind === "delete-project") return runDeleteProject(op, ctx);
  if (op.kind === "sync-registry") return syncRegistrySecret(clusterKubeConfig(), ctx.db, { project: op.projectName, server: payload.server ?? "" }, ctx.signal);
  if (op.kind === "apply-database") return runApplyDatabase(op, ctx);
  if (op.kind === "delete-database") return runDeleteDatabase(op, ctx, payload.deleteData === true);
  if (op.kind === "apply-backup") return runApplyBackup(op, ctx);
  if (op.kind === "restore-backup") return runRestoreBackup(op, ctx);
  throw new OperationFailed(`Berth does not know how to run a "${op.kind}" operation.`);
}

/** The queue gave up on an operation: the revision shows the API's message, never "deployed". */
export async function recordGiveUp(op: Operation, message: string, db: PrismaClient): Promise<void> {
  if (op.revisionId) await finishRevision(db, op.revisionId, "failed", message);
}

async function runDeploy(op: Operation, ctx: OperationContext, settings: EngineSettings, force: boolean): Promise<void> {
  const { db } = ctx;
  if (!op.revisionId) throw new OperationFailed("This deploy has no revision.");
  const revision = await db.revision.findUnique({ where: { id: op.revisionId }, include: { app: { include: APP_ROWS } } });
  if (!revision) throw new OperationFailed("The app was deleted before its deploy ran.");
  if (revision.outcome === "superseded") return markSuperseded(db, op);
  if (revision.outcome !== "pending") return; // finished before a crash; nothing left to do

  await db.revision.updateMany({
    where: { appId: revision.appId, outcome: "pending", number: { lt: revision.number } },
    data: { outcome: "superseded", message: `Replaced by revision ${revision.number} before its rollout finished.`, finishedAt: new Date() },
  });
  const app = revision.app;
  const current = appSpecOf(app);
  const spec = rollbackSpec(revision, current.secretEnv, current.files);
  if (!spec.ok) throw new OperationFailed(`Cannot deploy: ${spec.problem}.`);
  const project = await renderProjectOf(db, app.project);
  const links = await linksChecksumOf(db, project.name, spec.spec.links);
  if (!links.ok) throw new OperationFailed(`Cannot deploy: ${links.problem}`);
  const objects = renderApp(spec.spec, project, { ...renderOptionsOf(app), linksChecksum: links.checksum }) as unknown as KubeObject[];
  const kubeConfig = clusterKubeConfig();
  const stopWatching = AbortSignal.any([ctx.signal, ctx.superseded]);
  let unreadyDatabases: string | undefined;
  let verdict;
  try {
    unreadyDatabases = await waitForLinkedDatabases(kubeConfig, {
      namespace: project.name,
      app: app.name,
      databases: (spec.spec.links ?? []).map((l) => l.database),
      timeoutMs: settings.databaseWaitMs,
      signal: stopWatching,
    });
    const applied = await applyObjects(kubeConfig, objects, { force, signal: ctx.signal });
    // A forced apply is Re-apply or Adopt: Berth's values everywhere, including where it sets none.
    const live = force ? await releaseForeignFields(kubeConfig, applied, ctx.signal) : applied;
    await pruneApp(kubeConfig, { project: project.name, app: app.name, keep: objects }, { signal: ctx.signal });
    if (ctx.signal.aborted) return;
    const deployment = live.find((o) => o.kind === "Deployment");
    verdict = await trackRollout(kubeConfig, {
      namespace: project.name,
      app: app.name,
      minGeneration: deployment?.metadata.generation ?? 1,
      stuckGraceMs: settings.stuckGraceMs,
      settleMs: settings.rolloutSettleMs,
      timeoutMs: settings.rolloutTimeoutMs,
      signal: stopWatching,
    });
  } catch (err) {
    if (ctx.signal.aborted) return;
    if (ctx.superseded.aborted) {
      await finishRevision(db, revision.id, "superseded", "A newer deploy of this app started before this rollout finished.");
      return markSuperseded(db, op);
    }
    throw err;
  }
  await finishRevision(db, revision.id, verdict.state, unreadyDatabases ? `${unreadyDatabases} ${verdict.message}` : verdict.message);
  if (verdict.state === "failed") throw new OperationFailed(verdict.message);
}

async function markSuperseded(db: PrismaClient, op: Operation): Promise<void> {
  await db.operation.updateMany({ where: { id: op.id, status: OPERATION_STATUS.running }, data: { status: OPERATION_STATUS.superseded } });
}

async function runDeleteApp(op: Operation, ctx: OperationContext, deleteData: boolean): Promise<void> {
  if (!op.appName) throw new OperationFailed("This delete names no app.");
  await endBackupSchedulesOf(ctx.db, clusterKubeConfig(), op.projectName, { app: op.appName }, ctx.signal);
  await deleteAppObjects(clusterKubeConfig(), { project: op.projectName, app: op.appName }, { deleteData, signal: ctx.signal });
  if (ctx.signal.aborted) return;
  await ctx.db.app.deleteMany({ where: { name: op.appName, project: { name: op.projectName } } });
}

async function runDeleteProject(op: Operation, ctx: OperationContext): Promise<void> {
  const result = await deleteProjectNamespace(clusterKubeConfig(), op.projectName);
  if (result === "not_managed") {
    throw new AppError({
      code: "conflict",
      message: `The namespace "${op.projectName}" exists but was not created by Berth, so Berth did not delete it; delete it yourself or remove the project's apps one by one.`,
    });
  }
  if (ctx.signal.aborted) return;
  await ctx.db.project.deleteMany({ where: { name: op.projectName } });
}
