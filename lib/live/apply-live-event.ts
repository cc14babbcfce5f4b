import type { Revision, RevisionList } from "@/lib/dto/app";
import type { AppStatus } from "@/lib/dto/app-status";
import type { ProjectDetail } from "@/lib/dto/project";
import { LATEST_DEPLOYS_SHOWN, toBoardStatus } from "@/lib/board-status";
import type { LatestDeploy, StatusBoard } from "@/lib/dto/status-board";
import { queryKeys } from "@/lib/queries/keys";
import type { LiveServerMessage } from "@/lib/ws-protocol";

type Key = readonly unknown[];

/**
 * The slice of TanStack Query's cache the reducer needs, so it stays pure and testable with a
 * Map. `set`'s updater returning undefined leaves the entry alone (as setQueryData does).
 */
export interface LiveCache {
  get<T>(key: Key): T | undefined;
  set<T>(key: Key, update: (old: T | undefined) => T | undefined): void;
  invalidate(key: Key): void;
  remove(key: Key): void;
  /** Whether the query is being fetched: that answer may predate the message, and would overwrite the patch when it lands. */
  isFetching(key: Key): boolean;
}

function applyAppStatus(cache: LiveCache, project: string, app: string, status: AppStatus): void {
  const detail = cache.get<ProjectDetail>(queryKeys.project(project));
  const board = cache.get<StatusBoard>(queryKeys.statusBoard);
  // The overview and the status page cache only the board: without it as a source, every status message there refetched the project list.
  const previous =
    cache.get<AppStatus>(queryKeys.appStatus(project, app))?.health ??
    detail?.apps.find((a) => a.name === app)?.health ??
    board?.apps.find((e) => e.project === project && e.app === app)?.status?.health;

  cache.set<AppStatus>(queryKeys.appStatus(project, app), (old) => (old ? status : undefined));
  if (detail && !detail.apps.some((a) => a.name === app)) cache.invalidate(queryKeys.project(project));
  cache.set<ProjectDetail>(queryKeys.project(project), (old) =>
    old ? { ...old, apps: old.apps.map((a) => (a.name === app ? { ...a, health: status.health } : a)) } : undefined,
  );
  if (board && !board.apps.some((e) => e.project === project && e.app === app)) cache.invalidate(queryKeys.statusBoard);
  cache.set<StatusBoard>(queryKeys.statusBoard, (old) =>
    old ? { ...old, apps: old.apps.map((e) => (e.project === project && e.app === app ? { ...e, status: toBoardStatus(status) } : e)) } : undefined,
  );
  // A project's card shows its worst app's health: recount it (server-side) only when this app's changed.
  if (previous !== status.health) {
    cache.invalidate(queryKeys.projectList);
    cache.invalidate(queryKeys.project(project));
  }
}

/**
 * A finished revision replaces its row in the cached list. Only what the message cannot say is
 * refetched, once per deploy: a revision the list has not seen yet (made in another tab), or
 * older ones still shown pending (the server superseded them when this one started).
 */
function applyRevision(cache: LiveCache, project: string, app: string, revision: Revision): void {
  const key = queryKeys.revisions(project, app);
  const list = cache.get<RevisionList>(key);
  if (!list) return;
  if (!list.revisions.some((r) => r.number === revision.number) || list.revisions.some((r) => r.number < revision.number && r.outcome === "pending")) {
    cache.invalidate(key);
  }
  cache.set<RevisionList>(key, (old) => (old ? { revisions: old.revisions.map((r) => (r.number === revision.number ? revision : r)) } : undefined));
}

/** The rollout's progress sentence shows on the app's pending revision until its outcome arrives. */
function applyRevisionProgress(cache: LiveCache, project: string, app: string, message: string): void {
  cache.set<RevisionList>(queryKeys.revisions(project, app), (old) => {
    const newest = old?.revisions.find((r) => r.outcome === "pending");
    if (!old || !newest) return undefined;
    return { revisions: old.revisions.map((r) => (r === newest ? { ...r, message } : r)) };
  });
}

/**
 * The overview's latest deploys follow the same messages: a deploy already listed is patched in
 * place (its outcome, or its rollout's progress sentence while pending); one the list has not
 * seen but would show (a deploy that just started) refetches the board, once, since the message
 * does not say everything a row shows.
 */
function applyLatestDeploy(cache: LiveCache, project: string, app: string, matches: (d: LatestDeploy) => boolean, patch: Partial<LatestDeploy>, createdAt?: string): void {
  const board = cache.get<StatusBoard>(queryKeys.statusBoard);
  if (!board) return;
  const isOfApp = (d: LatestDeploy) => d.project === project && d.app === app && matches(d);
  if (!board.latestDeploys.some(isOfApp)) {
    const oldest = board.latestDeploys.at(-1)?.createdAt;
    const wouldShow = board.latestDeploys.length < LATEST_DEPLOYS_SHOWN || createdAt === undefined || oldest === undefined || createdAt >= oldest;
    if (wouldShow) cache.invalidate(queryKeys.statusBoard);
    return;
  }
  cache.set<StatusBoard>(queryKeys.statusBoard, (old) => (old ? { ...old, latestDeploys: old.latestDeploys.map((d) => (isOfApp(d) ? { ...d, ...patch } : d)) } : undefined));
  // An outcome is told once: a board read in flight may have been answered before it was written.
  if (patch.outcome && patch.outcome !== "pending" && cache.isFetching(queryKeys.statusBoard)) cache.invalidate(queryKeys.statusBoard);
}

/**
 * Applies one live message to the query cache: statuses and revisions are replaced in place
 * (the message carries the whole recomputed status or revision), lists that show them are
 * patched, and what cannot be patched from the message (a project's roll-up, a new app) is
 * invalidated for a refetch.
 */
export function applyLiveEvent(cache: LiveCache, message: LiveServerMessage): void {
  switch (message.type) {
    case "app-status":
      return applyAppStatus(cache, message.project, message.app, message.status);
    case "app-removed":
      cache.remove(queryKeys.appStatus(message.project, message.app));
      cache.invalidate(queryKeys.project(message.project));
      cache.invalidate(queryKeys.projectList);
      cache.invalidate(queryKeys.statusBoard);
      return;
    case "projects-changed":
      cache.invalidate(queryKeys.projectsRoot);
      cache.invalidate(queryKeys.statusBoard);
      return;
    case "revision": {
      const { number, outcome, message: sentence, actor, createdAt, finishedAt } = message.revision;
      applyLatestDeploy(cache, message.project, message.app, (d) => d.number === number, { outcome, message: sentence, actor, createdAt, finishedAt }, createdAt);
      return applyRevision(cache, message.project, message.app, message.revision);
    }
    case "revision-progress":
      applyLatestDeploy(cache, message.project, message.app, (d) => d.outcome === "pending", { message: message.message });
      return applyRevisionProgress(cache, message.project, message.app, message.message);
    default:
      return;
  }
}
