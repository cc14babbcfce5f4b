import type { AppStatus } from "@/lib/dto/app-status";
import type { ProjectDetail } from "@/lib/dto/project";
import type { StatusBoard } from "@/lib/dto/status-board";
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
}

function applyAppStatus(cache: LiveCache, project: string, app: string, status: AppStatus): void {
  const detail = cache.get<ProjectDetail>(queryKeys.project(project));
  const previous = cache.get<AppStatus>(queryKeys.appStatus(project, app))?.health ?? detail?.apps.find((a) => a.name === app)?.health;

  cache.set<AppStatus>(queryKeys.appStatus(project, app), (old) => (old ? status : undefined));
  if (detail && !detail.apps.some((a) => a.name === app)) cache.invalidate(queryKeys.project(project));
  cache.set<ProjectDetail>(queryKeys.project(project), (old) =>
    old ? { ...old, apps: old.apps.map((a) => (a.name === app ? { ...a, health: status.health } : a)) } : undefined,
  );
  const board = cache.get<StatusBoard>(queryKeys.statusBoard);
  if (board && !board.apps.some((e) => e.project === project && e.app === app)) cache.invalidate(queryKeys.statusBoard);
  cache.set<StatusBoard>(queryKeys.statusBoard, (old) =>
    old ? { apps: old.apps.map((e) => (e.project === project && e.app === app ? { ...e, status } : e)) } : undefined,
  );
  // A project's card shows its worst app's health: recount it (server-side) only when this app's changed.
  if (previous !== status.health) {
    cache.invalidate(queryKeys.projectList);
    cache.invalidate(queryKeys.project(project));
  }
  // A rollout's end is also when its revision gets an outcome.
  cache.invalidate(queryKeys.revisions(project, app));
}

/**
 * Applies one live message to the query cache: statuses are replaced in place (the message
 * carries the whole recomputed status), lists that show them are patched, and what cannot be
 * patched from the message (a project's roll-up, a new app) is invalidated for a refetch.
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
    default:
      return;
  }
}
