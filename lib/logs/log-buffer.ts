/**
 * The browser's copy of a log: a capped list of lines with absolute numbers. When more than
 * `cap` lines arrive the oldest are trimmed and counted (the viewer says "N earlier lines
 * trimmed"). It also remembers, per stream, the timestamp of the last line it holds — what a
 * reconnect sends so the server resumes with no gap and no duplicate. Pure, React-free.
 */
export interface BufferedLine {
  /** Absolute line number since the viewer opened (stable across trimming). */
  n: number;
  /** "<pod>/<container>", or "" for Berth's own notes (a pod went away, lines skipped). */
  stream: string;
  ts: string;
  text: string;
}

export class LogBuffer {
  private lines: BufferedLine[] = [];
  private trimmed = 0;
  private readonly lastTs = new Map<string, string>();
  /** Bumped on every change, so React can notice mutations. */
  version = 0;

  constructor(readonly cap = 50_000) {}

  /** Lines dropped from the start to stay within the cap. */
  get trimmedCount(): number {
    return this.trimmed;
  }

  /** Absolute number one past the last line. */
  get end(): number {
    return this.trimmed + this.lines.length;
  }

  get length(): number {
    return this.lines.length;
  }

  append(batch: Array<{ stream: string; ts: string; text: string }>): void {
    if (batch.length === 0) return;
    let n = this.end;
    for (const line of batch) {
      this.lines.push({ n: n++, ...line });
      if (line.stream && line.ts) this.lastTs.set(line.stream, line.ts);
    }
    const over = this.lines.length - this.cap;
    if (over > 0) {
      // Trim in chunks so a steady stream does not shift the array on every batch.
      const drop = Math.min(this.lines.length, over + Math.floor(this.cap / 10));
      this.lines.splice(0, drop);
      this.trimmed += drop;
    }
    this.version++;
  }

  /** A line by absolute number, or undefined when trimmed or not arrived yet. */
  at(n: number): BufferedLine | undefined {
    return this.lines[n - this.trimmed];
  }

  /** Lines with absolute numbers in [from, to). */
  slice(from: number, to: number): BufferedLine[] {
    return this.lines.slice(Math.max(0, from - this.trimmed), Math.max(0, to - this.trimmed));
  }

  /** `{ "<pod>/<container>": "<last timestamp>" }` for the reconnect's `resume`. */
  resumePoint(): Record<string, string> {
    return Object.fromEntries(this.lastTs);
  }

  clear(): void {
    this.trimmed += this.lines.length;
    this.lines = [];
    this.version++;
  }
}
