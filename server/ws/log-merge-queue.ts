import type { LogLine } from "@/lib/ws-protocol";

interface Pending {
  ns: bigint;
  line: LogLine;
  arrivedAt: number;
}

/**
 * Merges lines from several container logs into time order. Each stream's log is already in
 * order, but streams deliver in bursts at different moments, so a line is held until every
 * other open stream has reached its timestamp (their watermark) — or until it has waited
 * `holdMs`, so one quiet container never stalls the rest.
 */
export class LogMergeQueue {
  private pending: Pending[] = [];
  private readonly watermarks = new Map<number, bigint>();
  private isSorted = true;

  constructor(private readonly holdMs = 250) {}

  get size(): number {
    return this.pending.length;
  }

  /** A stream that will deliver lines; until it has, it holds others back for at most holdMs. */
  openStream(id: number): void {
    if (!this.watermarks.has(id)) this.watermarks.set(id, -1n);
  }

  /** A stream that will deliver no more lines no longer holds others back. */
  closeStream(id: number): void {
    this.watermarks.delete(id);
  }

  push(id: number, ns: bigint, ts: string, text: string, now = Date.now()): void {
    const last = this.pending[this.pending.length - 1];
    if (last && last.ns > ns) this.isSorted = false;
    this.pending.push({ ns, line: [id, ts, text], arrivedAt: now });
    if ((this.watermarks.get(id) ?? -1n) < ns) this.watermarks.set(id, ns);
  }

  /** Removes and returns, in time order, the lines no open stream can precede any more (at most `max`). */
  take(max: number, now = Date.now()): LogLine[] {
    if (this.pending.length === 0) return [];
    if (!this.isSorted) {
      this.pending.sort((a, b) => (a.ns < b.ns ? -1 : a.ns > b.ns ? 1 : 0));
      this.isSorted = true;
    }
    let low: bigint | undefined;
    for (const wm of this.watermarks.values()) if (low === undefined || wm < low) low = wm;
    const releaseBefore = now - this.holdMs;
    let count = 0;
    while (count < this.pending.length && count < max) {
      const p = this.pending[count];
      if (low !== undefined && p.ns > low && p.arrivedAt > releaseBefore) break;
      count++;
    }
    return this.pending.splice(0, count).map((p) => p.line);
  }

  /** Drops the newest lines beyond `keep`; returns how many were dropped. */
  trimTo(keep: number): number {
    const dropped = Math.max(0, this.pending.length - keep);
    if (dropped > 0) this.pending.length = keep;
    return dropped;
  }
}
