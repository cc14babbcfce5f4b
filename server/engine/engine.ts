/**
 * The engine's process-wide state: the operation queue and its settings. server/main.ts calls
 * `startEngine()` after the database and the cluster are ready and `stopEngine()` on shutdown.
 * Kept on globalThis (processSingleton) because Next bundles route handlers apart from the
 * custom server, and both must reach the same queue.
 */
import { getDb } from "@/server/db/client";
import { processSingleton } from "@/server/singleton";
import { openWatchCount } from "@/server/kube/informers";
import { setKubeWatchesSource } from "@/server/metrics/berth-metrics";
import { OperationQueue } from "@/server/engine/operations/operation-queue";
import { recordGiveUp, runOperation } from "@/server/engine/operations/run-operation";

/** The engine reaches the cluster through `clusterKubeConfig()` (server/kube/cluster.ts), like everything else. */
export interface EngineOptions {
  /** Apps whose operations run at the same time. Default 4. */
  concurrency?: number;
  /** How long new pods may be stuck pulling or crashing before a deploy is failed. Default 30 s. */
  stuckGraceMs?: number;
  /** How long a finished rollout must stay healthy before it counts as a success. Default: the stuck grace, at most 10 s. */
  rolloutSettleMs?: number;
  /** The longest Berth watches one rollout. Default: the progress deadline plus a minute. */
  rolloutTimeoutMs?: number;
  /** How long a deploy waits for the databases its app links to be ready before applying it anyway. Default 2 min. */
  databaseWaitMs?: number;
  pollMs?: number;
}

export interface EngineSettings {
  stuckGraceMs: number;
  rolloutSettleMs?: number;
  rolloutTimeoutMs: number;
  databaseWaitMs: number;
}

const DEFAULT_STUCK_GRACE_MS = 30_000;
const DEFAULT_ROLLOUT_TIMEOUT_MS = 180_000;
const DEFAULT_DATABASE_WAIT_MS = 120_000;

const state = processSingleton("engine", () => ({ queue: undefined as OperationQueue | undefined }));

/** Starts the queue: resumes unfinished operations from the database and runs new ones. */
export async function startEngine(options: EngineOptions = {}): Promise<void> {
  if (state.queue) return;
  const settings: EngineSettings = {
    stuckGraceMs: options.stuckGraceMs ?? DEFAULT_STUCK_GRACE_MS,
    rolloutSettleMs: options.rolloutSettleMs,
    rolloutTimeoutMs: options.rolloutTimeoutMs ?? DEFAULT_ROLLOUT_TIMEOUT_MS,
    databaseWaitMs: options.databaseWaitMs ?? DEFAULT_DATABASE_WAIT_MS,
  };
  const queue = new OperationQueue({
    db: getDb(),
    run: (op, ctx) => runOperation(op, ctx, settings),
    onGiveUp: recordGiveUp,
    concurrency: options.concurrency,
    pollMs: options.pollMs,
  });
  state.queue = queue;
  setKubeWatchesSource(openWatchCount);
  await queue.start();
}

/** Stops the queue; running operations are interrupted and resume at the next start. */
export async function stopEngine(): Promise<void> {
  const queue = state.queue;
  state.queue = undefined;
  await queue?.stop();
}

/** The running queue, if the engine is started (enqueue kicks it). */
export function runningQueue(): OperationQueue | undefined {
  return state.queue;
}
