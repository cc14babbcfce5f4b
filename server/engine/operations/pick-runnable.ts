/**
 * Which queued operations may start now. Operations on one app run one at a time and in the
 * order they were queued (a later deploy never overtakes an earlier one that is waiting out a
 * retry delay); a project-wide operation (delete project) waits for, and blocks, every operation
 * of its project. Different apps run in parallel up to `concurrency`.
 */

export interface QueuedOperation {
  id: string;
  /** "shop/web" for an app, "shop" for the project itself. */
  lockKey: string;
  createdAt: Date;
  /** Not before this time (retry backoff). */
  notBefore: Date | null;
}

export function lockKeyFor(project: string, app?: string): string {
  return app ? `${project}/${app}` : project;
}

function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}

/** `queued` in any order; `runningKeys` are the lock keys of operations running now. */
export function pickRunnable(queued: readonly QueuedOperation[], runningKeys: readonly string[], now: Date, concurrency: number): QueuedOperation[] {
  const picked: QueuedOperation[] = [];
  const held = [...runningKeys];
  const blocked: string[] = [];
  const ordered = [...queued].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  for (const op of ordered) {
    if (held.length >= concurrency) break;
    const isBlocked = held.some((k) => overlaps(k, op.lockKey)) || blocked.some((k) => overlaps(k, op.lockKey));
    if (isBlocked) continue;
    if (op.notBefore && op.notBefore > now) {
      // Waiting out a retry: everything queued after it on the same app waits too.
      blocked.push(op.lockKey);
      continue;
    }
    picked.push(op);
    held.push(op.lockKey);
  }
  return picked;
}
