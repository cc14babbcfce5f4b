/**
 * A tiny keyed work queue like client-go's: store events only enqueue keys (store listeners run
 * synchronously inside writes, so reconciling there would re-enter the store); keys are
 * de-duplicated and reconciled on the next turn of the event loop. `after` schedules a delayed
 * requeue, used for timed transitions.
 */
export interface WorkQueue {
  add(key: string): void;
  after(key: string, delayMs: number): void;
  stop(): void;
}

export function createWorkQueue(name: string, reconcile: (key: string) => void): WorkQueue {
  const pending = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  let scheduled: NodeJS.Immediate | undefined;
  let stopped = false;

  const flush = () => {
    scheduled = undefined;
    const keys = [...pending];
    pending.clear();
    for (const key of keys) {
      if (stopped) return;
      try {
        reconcile(key);
      } catch (err) {
        // A controller error must not stop the others; the next event retries the key.
        if (process.env.SIM_DEBUG) console.error(`[sim:${name}] reconcile ${key} failed:`, err);
      }
    }
  };

  const add = (key: string) => {
    if (stopped) return;
    pending.add(key);
    scheduled ??= setImmediate(flush);
  };

  return {
    add,
    after(key, delayMs) {
      if (stopped) return;
      const t = setTimeout(() => {
        timers.delete(t);
        add(key);
      }, Math.max(0, delayMs));
      timers.add(t);
    },
    stop() {
      stopped = true;
      if (scheduled) clearImmediate(scheduled);
      for (const t of timers) clearTimeout(t);
      timers.clear();
      pending.clear();
    },
  };
}
