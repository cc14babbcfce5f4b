/**
 * The engine's worker: runs persisted operations, one at a time per app and a few apps at once,
 * retrying what can heal (see retry-policy.ts) and leaving a precise row behind either way.
 *
 * The Operation table is the queue. Starting the queue turns rows left "running" by a Berth that
 * died into "queued" again — every operation is idempotent (server-side apply, deletes that
 * accept 404), so running one twice is harmless. Stopping aborts what is running and leaves the
 * rows as they are for the next start to resume.
 */
import type { PrismaClient } from "@/server/db/generated/client";
import type { Operation } from "@/server/db/generated/client";
import { decideRetry, describeFailure } from "@/server/engine/operations/retry-policy";
import { lockKeyFor, pickRunnable } from "@/server/engine/operations/pick-runnable";
import { OPERATION_STATUS } from "@/server/engine/operations/operation-status";
import { countError, observeReconcile } from "@/server/metrics/berth-metrics";

export interface OperationContext {
  db: PrismaClient;
  signal: AbortSignal;
  attempt: number;
  /** Set when a newer deploy of the same app arrives: stop watching the rollout, it no longer matters. */
  superseded: AbortSignal;
}

/** Runs one operation. Throws to fail or retry (retry-policy.ts decides which); resolving means it succeeded. */
export type OperationRunner = (op: Operation, ctx: OperationContext) => Promise<void>;

/** Called once an operation will not be retried, to record the failure where the user looks (the revision). */
export type FailureRecorder = (op: Operation, message: string, db: PrismaClient) => Promise<void>;

export interface QueueOptions {
  db: PrismaClient;
  run: OperationRunner;
  onGiveUp: FailureRecorder;
  concurrency?: number;
  /** How often the queue looks for due work even without a kick (retries, other processes). */
  pollMs?: number;
}

interface Running {
  op: Operation;
  abort: AbortController;
  supersede: AbortController;
  done: Promise<void>;
}

const ABORTED = Symbol("aborted");

export class OperationQueue {
  private readonly running = new Map<string, Running>();
  private timer: NodeJS.Timeout | undefined;
  private isStopped = true;
  private pumping: Promise<void> | undefined;
  private pumpAgain = false;

  constructor(private readonly options: QueueOptions) {}

  /** Resumes interrupted operations and starts running due ones. */
  async start(): Promise<void> {
    this.isStopped = false;
    await this.options.db.operation.updateMany({ where: { status: OPERATION_STATUS.running }, data: { status: OPERATION_STATUS.queued } });
    this.schedule(0);
  }

  /** Aborts running operations without recording an outcome (the next start resumes them). */
  async stop(): Promise<void> {
    this.isStopped = true;
    clearTimeout(this.timer);
    const all = [...this.running.values()];
    for (const r of all) r.abort.abort(ABORTED);
    await Promise.allSettled(all.map((r) => r.done));
    await this.pumping?.catch(() => {});
  }

  /** Look for work now (after an enqueue). */
  kick(): void {
    if (!this.isStopped) this.schedule(0);
  }

  /** A newer deploy was queued for the app: a running deploy may stop watching its rollout. */
  supersede(project: string, app: string): void {
    const key = lockKeyFor(project, app);
    for (const r of this.running.values()) if (lockKeyFor(r.op.projectName, r.op.appName ?? undefined) === key) r.supersede.abort();
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.pump(), ms);
    this.timer.unref?.();
  }

  private async pump(): Promise<void> {
    if (this.isStopped) return;
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = this.pumpOnce().catch((err) => {
      console.error(JSON.stringify({ level: "error", msg: "operation queue failed to read the database", error: String(err) }));
    });
    await this.pumping;
    this.pumping = undefined;
    if (this.pumpAgain) {
      this.pumpAgain = false;
      this.schedule(0);
    } else this.schedule(this.options.pollMs ?? 1000);
  }

  private async pumpOnce(): Promise<void> {
    const { db } = this.options;
    const queued = await db.operation.findMany({ where: { status: OPERATION_STATUS.queued }, orderBy: { createdAt: "asc" }, take: 500 });
    const now = new Date();
    const runningKeys = [...this.running.values()].map((r) => lockKeyFor(r.op.projectName, r.op.appName ?? undefined));
    const candidates = queued.map((op) => ({ id: op.id, lockKey: lockKeyFor(op.projectName, op.appName ?? undefined), createdAt: op.createdAt, notBefore: op.nextAttemptAt }));
    const picked = pickRunnable(candidates, runningKeys, now, this.options.concurrency ?? 4);
    for (const candidate of picked) {
      if (this.isStopped) return;
      const claimed = await db.operation.updateMany({
        where: { id: candidate.id, status: OPERATION_STATUS.queued },
        data: { status: OPERATION_STATUS.running, attempts: { increment: 1 } },
      });
      if (claimed.count === 0) continue;
      const op = await db.operation.findUniqueOrThrow({ where: { id: candidate.id } });
      this.launch(op);
    }
    const waiting = queued.filter((op) => op.nextAttemptAt > now).map((op) => op.nextAttemptAt.getTime() - now.getTime());
    if (waiting.length > 0) this.pumpAgainIn(Math.min(...waiting));
  }

  private pumpAgainIn(ms: number): void {
    setTimeout(() => this.kick(), Math.max(10, ms)).unref?.();
  }

  private launch(op: Operation): void {
    const abort = new AbortController();
    const supersede = new AbortController();
    const entry: Running = { op, abort, supersede, done: Promise.resolve() };
    entry.done = this.execute(op, abort.signal, supersede.signal)
      .catch((err: unknown) => {
        // Only the bookkeeping writes can land here (the database went away); the row stays
        // "running" and the next start resumes the operation.
        countError("database");
        console.error(JSON.stringify({ level: "error", msg: "could not record an operation's outcome", operation: op.id, error: String(err) }));
      })
      .finally(() => {
        this.running.delete(op.id);
        this.kick();
      });
    this.running.set(op.id, entry);
  }

  private async execute(op: Operation, signal: AbortSignal, superseded: AbortSignal): Promise<void> {
    const { db } = this.options;
    const started = performance.now();
    try {
      await this.options.run(op, { db, signal, attempt: op.attempts, superseded });
      if (signal.aborted) return;
      observeReconcile((performance.now() - started) / 1000, "success");
      await db.operation.updateMany({ where: { id: op.id, status: OPERATION_STATUS.running }, data: { status: OPERATION_STATUS.succeeded, lastError: null } });
    } catch (error) {
      if (signal.aborted) return; // stopping: leave the row "running" so the next start resumes it
      observeReconcile((performance.now() - started) / 1000, "failure");
      countError("reconcile");
      const decision = decideRetry(error, op.attempts);
      if (decision.retry) {
        await db.operation.update({
          where: { id: op.id },
          data: { status: OPERATION_STATUS.queued, lastError: decision.reason, nextAttemptAt: new Date(Date.now() + decision.delayMs) },
        });
        this.pumpAgainIn(decision.delayMs);
        return;
      }
      const message = describeFailure(error);
      await db.operation.update({ where: { id: op.id }, data: { status: OPERATION_STATUS.failed, lastError: message } });
      await this.options.onGiveUp(op, message, db).catch(() => {});
    }
  }
}
