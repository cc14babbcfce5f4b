/**
 * The simulated cluster's clock: wall time plus an offset tests can move (`advance`, `set`), so a
 * CronJob due in an hour runs now and a Job's activeDeadlineSeconds passes without waiting.
 *
 * Object timestamps follow it (creationTimestamp, status times, Events): on a real cluster the
 * apiserver and the controllers stamp with their own clock, so a clock that jumps moves them
 * too, and a Job named for its scheduled minute must not start "before" it was scheduled. Timers
 * (pod transitions, watch bookmarks) stay on real time: they are durations, not instants.
 *
 * One clock per process, like the one clock of a real node: the store, the controllers and the
 * table printer read it without being handed it. Vitest isolates test files, so each file starts
 * at offset 0.
 */
export interface SimClock {
  /** Milliseconds since the epoch, as the simulated cluster sees it. */
  now(): number;
  /** Moves the clock forward by `ms` (never back: a controller's "missed runs" count only forward). */
  advance(ms: number): void;
  /** Jumps to `date` (forward or back), as an NTP step would. */
  set(date: Date | string | number): void;
  /** Back to wall time. */
  reset(): void;
  /** Called after every advance/set/reset, so controllers can look at the new time at once. */
  onChange(listener: () => void): () => void;
}

function createSimClock(): SimClock {
  let offset = 0;
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const l of [...listeners]) l();
  };
  return {
    now: () => Date.now() + offset,
    advance(ms) {
      if (!(ms >= 0)) throw new Error(`simClock.advance: ms must be a non-negative number, got ${ms}`);
      offset += ms;
      changed();
    },
    set(date) {
      const t = new Date(date).getTime();
      if (Number.isNaN(t)) throw new Error(`simClock.set: not a date: ${String(date)}`);
      offset = t - Date.now();
      changed();
    },
    reset() {
      offset = 0;
      changed();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const simClock: SimClock = createSimClock();

/** RFC 3339 at second precision, as metav1.Time serializes. */
export function simNowIso(): string {
  return new Date(simClock.now()).toISOString().replace(/\.\d+Z$/, "Z");
}
