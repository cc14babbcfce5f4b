/**
 * Fault injection for reliability tests: make the API answer errors, slow down, drop watches
 * or forget history, the way a flaky or restarting kube-apiserver would.
 */
export interface FailureSpec {
  /** 500, 503 or 429 (429 and 503 carry Retry-After). */
  status: 500 | 503 | 429;
  retryAfterSeconds?: number;
}

export interface SimFaults {
  /** The next `count` API requests fail with `spec.status`. */
  failNext(count: number, spec?: FailureSpec): void;
  /** Each API request fails with probability `fraction` until `durationMs` has passed (forever if omitted). */
  failFraction(fraction: number, spec?: FailureSpec & { durationMs?: number }): void;
  /** Adds `ms` of latency to every API request (0 turns it off). */
  setLatency(ms: number): void;
  /** Ends every open watch stream now; clients must reconnect. */
  dropWatches(): void;
  /** Forgets the watch history: resuming from any older resourceVersion gets 410 Gone. */
  compactHistory(): void;
  /** Turns every injected failure and latency off. */
  clear(): void;
}

/** The state the HTTP layer consults on each request. */
export class FaultState {
  remaining = 0;
  fraction = 0;
  fractionUntil = Infinity;
  latencyMs = 0;
  spec: FailureSpec = { status: 503 };

  /** The failure to answer this request with, if any. */
  next(): FailureSpec | undefined {
    if (this.remaining > 0) {
      this.remaining -= 1;
      return this.spec;
    }
    if (this.fraction > 0 && Date.now() < this.fractionUntil && Math.random() < this.fraction) return this.spec;
    return undefined;
  }
}

export function createFaults(state: FaultState, hooks: { dropWatches(): void; compactHistory(): void }): SimFaults {
  return {
    failNext(count, spec = { status: 503 }) {
      state.remaining = count;
      state.spec = spec;
    },
    failFraction(fraction, spec = { status: 503 }) {
      state.fraction = fraction;
      state.fractionUntil = spec.durationMs ? Date.now() + spec.durationMs : Infinity;
      state.spec = spec;
    },
    setLatency(ms) {
      state.latencyMs = ms;
    },
    dropWatches: hooks.dropWatches,
    compactHistory: hooks.compactHistory,
    clear() {
      state.remaining = 0;
      state.fraction = 0;
      state.latencyMs = 0;
    },
  };
}
