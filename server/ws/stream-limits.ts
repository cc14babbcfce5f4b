import { processSingleton } from "@/server/singleton";

export type StreamKind = "logs" | "exec";

/** Concurrent sockets one user may hold: a shell is heavier than a log tail. */
export const DEFAULT_STREAM_LIMITS: Record<StreamKind, number> = { logs: 20, exec: 5 };

const WHAT: Record<StreamKind, string> = { logs: "log streams", exec: "terminal sessions" };

export interface StreamLimits {
  /** A sentence for a 429 when `userId` is at the limit for `kind`, else undefined. */
  refusal(userId: string, kind: StreamKind): string | undefined;
  /** Takes a slot; returns its release (idempotent), or undefined when at the limit. */
  acquire(userId: string, kind: StreamKind): (() => void) | undefined;
  count(userId: string, kind: StreamKind): number;
}

/**
 * Per-user counters of open log and exec sockets, so one user (or one leaked tab loop) cannot
 * hold every upstream connection the API server allows. Counted per process: Berth is a single
 * replica.
 */
export function createStreamLimits(limits: Record<StreamKind, number> = DEFAULT_STREAM_LIMITS): StreamLimits {
  const open = new Map<string, number>();
  const key = (userId: string, kind: StreamKind) => `${kind}:${userId}`;
  const count = (userId: string, kind: StreamKind) => open.get(key(userId, kind)) ?? 0;
  return {
    count,
    refusal(userId, kind) {
      if (count(userId, kind) < limits[kind]) return undefined;
      return `You already have ${limits[kind]} ${WHAT[kind]} open; close one and try again.`;
    },
    acquire(userId, kind) {
      if (count(userId, kind) >= limits[kind]) return undefined;
      open.set(key(userId, kind), count(userId, kind) + 1);
      let isReleased = false;
      return () => {
        if (isReleased) return;
        isReleased = true;
        const left = count(userId, kind) - 1;
        if (left > 0) open.set(key(userId, kind), left);
        else open.delete(key(userId, kind));
      };
    },
  };
}

/** The process's limits, shared by the gateway routes. */
export function processStreamLimits(): StreamLimits {
  return processSingleton("ws-stream-limits", () => createStreamLimits());
}
