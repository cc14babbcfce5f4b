/**
 * The status board's plain values, shared by the server and the live updates in every page's
 * first load: kept apart from lib/dto/status-board.ts, whose zod schemas (and through them
 * lib/schemas) would otherwise ride along in the JavaScript of every page — 45 KB gzipped.
 */
import type { AppStatus } from "@/lib/dto/app-status";
import type { BoardStatus } from "@/lib/dto/status-board";

/** How many of the latest deploys the status board carries: the overview's list, not a history (the app's Deployments tab is). */
export const LATEST_DEPLOYS_SHOWN = 8;

/** The board's view of a full status; the server and the live updates (which carry full statuses) share it. */
export function toBoardStatus(status: Pick<AppStatus, "health" | "explanation" | "replicas" | "pods" | "urls">): BoardStatus {
  return {
    health: status.health,
    ...(status.explanation ? { explanation: status.explanation } : {}),
    ready: status.replicas.ready,
    desired: status.replicas.desired,
    restarts: status.pods.reduce((sum, pod) => sum + pod.restarts, 0),
    urls: status.urls,
  };
}
