import { LATEST_DEPLOYS_SHOWN } from "@/lib/board-status";
import type { LatestDeploy } from "@/lib/dto/status-board";
import { getDb } from "@/server/db/client";
import type { RevisionOutcome } from "@/server/engine/revisions";

/**
 * The latest deploys across every app, newest first: which app and revision, who asked, when,
 * and the outcome with its sentence. One query whatever the number of apps; the spec and
 * rendered objects a revision holds are not read.
 */
export async function listLatestDeploys(limit: number = LATEST_DEPLOYS_SHOWN): Promise<LatestDeploy[]> {
  const rows = await getDb().revision.findMany({
    orderBy: [{ createdAt: "desc" }, { number: "desc" }],
    take: limit,
    select: { number: true, outcome: true, message: true, actor: true, createdAt: true, finishedAt: true, app: { select: { name: true, project: { select: { name: true } } } } },
  });
  return rows.map((row) => ({
    project: row.app.project.name,
    app: row.app.name,
    number: row.number,
    outcome: row.outcome as RevisionOutcome,
    message: row.message,
    actor: row.actor,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  }));
}
