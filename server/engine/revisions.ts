/**
 * Revisions: one row per deploy with the spec (secret values removed), the rendered objects
 * (Secret data blanked), who asked, and the outcome once the rollout finished. Numbers count up
 * per app from 1.
 */
import { storedAppSpecSchema, type AppSpec, type StoredAppSpec } from "@/lib/schemas/app";
import type { Prisma, PrismaClient, Revision } from "@/server/db/generated/client";
import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { findAppOrThrow, type AppWithRows } from "@/server/engine/model/app-record";
import { renderProjectOf } from "@/server/engine/model/render-project";
import { renderApp } from "@/server/engine/render/render-app";
import type { RenderOptions } from "@/server/engine/render/types";
import { hasRevisionListeners, publishRevisionChange } from "@/server/engine/revision-feed";
import { revisionSnapshot } from "@/server/engine/revision-snapshot";
import { parseJsonColumn } from "@/server/engine/spec-rows";

export type RevisionOutcome = "pending" | "succeeded" | "failed" | "superseded";

export interface RevisionRecord {
  number: number;
  outcome: RevisionOutcome;
  message: string | null;
  actor: string | null;
  spec: StoredAppSpec;
  createdAt: string;
  finishedAt: string | null;
}

export function toRevisionRecord(row: Revision): RevisionRecord {
  return {
    number: row.number,
    outcome: row.outcome as RevisionOutcome,
    message: row.message,
    actor: row.actor,
    spec: parseJsonColumn(`Revision ${row.number} spec`, row.spec, storedAppSpecSchema),
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** Render options for an app as it is now (its last restart time is part of the pod template). */
export function renderOptionsOf(app: { restartedAt: Date | null }): RenderOptions {
  return { restartedAt: app.restartedAt?.toISOString() };
}

/** Creates the next revision of `app` for `spec`, outcome pending. */
export async function createRevision(tx: Prisma.TransactionClient, app: AppWithRows, spec: AppSpec, actor: string | null): Promise<Revision> {
  const objects = renderApp(spec, await renderProjectOf(tx, app.project), renderOptionsOf(app));
  const snapshot = revisionSnapshot(spec, objects);
  const last = await tx.revision.findFirst({ where: { appId: app.id }, orderBy: { number: "desc" }, select: { number: true } });
  return tx.revision.create({
    data: { appId: app.id, number: (last?.number ?? 0) + 1, specVersion: app.specVersion, spec: snapshot.spec, objects: snapshot.objects, actor },
  });
}

/**
 * Records the outcome of a pending revision (a finished one is never rewritten) and publishes
 * it to the live socket. Callers pass the client, not a transaction: the outcome is published
 * as soon as it is written.
 */
export async function finishRevision(db: PrismaClient, revisionId: string, outcome: Exclude<RevisionOutcome, "pending">, message: string): Promise<void> {
  const { count } = await db.revision.updateMany({ where: { id: revisionId, outcome: "pending" }, data: { outcome, message, finishedAt: new Date() } });
  if (count === 0 || !hasRevisionListeners()) return;
  const row = await db.revision.findUnique({ where: { id: revisionId }, include: { app: { select: { name: true, project: { select: { name: true } } } } } });
  if (row) publishRevisionChange({ type: "revision", project: row.app.project.name, app: row.app.name, revision: toRevisionRecord(row) });
}

/** An app's revisions, newest first. */
export async function listRevisions(project: string, app: string): Promise<RevisionRecord[]> {
  const row = await findAppOrThrow(getDb(), project, app);
  const rows = await getDb().revision.findMany({ where: { appId: row.id }, orderBy: { number: "desc" } });
  return rows.map(toRevisionRecord);
}

/**
 * When each app's newest revision was made, by app id, in one grouped query whatever the
 * number of apps (revisions are numbered in creation order, so the newest is the latest made).
 */
export async function lastDeployTimes(): Promise<Map<string, string>> {
  const groups = await getDb().revision.groupBy({ by: ["appId"], _max: { createdAt: true } });
  return new Map(groups.flatMap((g) => (g._max.createdAt ? [[g.appId, g._max.createdAt.toISOString()] as const] : [])));
}

/** One revision by number, or AppError not_found. */
export async function getRevision(project: string, app: string, number: number): Promise<RevisionRecord> {
  const row = await findAppOrThrow(getDb(), project, app);
  const revision = await getDb().revision.findUnique({ where: { appId_number: { appId: row.id, number } } });
  if (!revision) throw new AppError({ code: "not_found", message: `App "${app}" has no revision ${number}.` });
  return toRevisionRecord(revision);
}
