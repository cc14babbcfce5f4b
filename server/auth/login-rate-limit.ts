import { LOGIN_FAILURE_LIMIT, LOGIN_FAILURE_WINDOW_MS } from "@/server/auth/auth-config";
import { processSingleton } from "@/server/singleton";

const MAX_TRACKED_ADDRESSES = 10_000;

/**
 * Counts failed credential checks per client address in a sliding window. Once an address has
 * `limit` failures inside `windowMs`, further attempts are refused until the oldest failure ages
 * out. In memory only: Berth runs as one process, and a restart forgetting counts is acceptable.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit = LOGIN_FAILURE_LIMIT,
    private readonly windowMs = LOGIN_FAILURE_WINDOW_MS,
  ) {}

  private recent(address: string, now: number): number[] {
    const kept = (this.failures.get(address) ?? []).filter((t) => now - t < this.windowMs);
    if (kept.length === 0) this.failures.delete(address);
    else this.failures.set(address, kept);
    return kept;
  }

  /** Seconds until `address` may try again, or 0 when it is not blocked. */
  retryAfterSeconds(address: string, now = Date.now()): number {
    const kept = this.recent(address, now);
    if (kept.length < this.limit) return 0;
    return Math.max(1, Math.ceil((kept[kept.length - this.limit] + this.windowMs - now) / 1000));
  }

  /** Notes one failed attempt from `address`. */
  recordFailure(address: string, now = Date.now()): void {
    if (!this.failures.has(address) && this.failures.size >= MAX_TRACKED_ADDRESSES) this.prune(now);
    const kept = this.recent(address, now);
    kept.push(now);
    this.failures.set(address, kept);
  }

  /** Forgets everything; tests use it between cases. */
  reset(): void {
    this.failures.clear();
  }

  private prune(now: number): void {
    for (const address of [...this.failures.keys()]) this.recent(address, now);
    if (this.failures.size >= MAX_TRACKED_ADDRESSES) this.failures.delete(this.failures.keys().next().value!);
  }
}

/** The process-wide limiter for logins and Bearer checks (shared by Next's bundles and the WS gateway). */
export const loginFailures = processSingleton("auth.loginFailures", () => new FailureLimiter());
