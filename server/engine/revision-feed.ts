/**
 * What happens to deploys as it happens, for the live socket: a rollout's progress while its
 * revision is pending, and the revision once its outcome is recorded. The engine publishes;
 * the live fan-out (server/ws) subscribes, so the browser is told rather than refetching the
 * revision list on every pod change. Process-wide, like the informers it sits beside.
 */
import type { RevisionRecord } from "@/server/engine/revisions";
import { processSingleton } from "@/server/singleton";

export type RevisionChange =
  /** The rollout of the app's pending revision, in the sentence the tracker would record if it stopped now. */
  | { type: "revision-progress"; project: string; app: string; message: string }
  /** A revision whose outcome was just recorded. */
  | { type: "revision"; project: string; app: string; revision: RevisionRecord };

type Listener = (change: RevisionChange) => void;

const listeners = processSingleton("revision-feed", () => new Set<Listener>());

/** Adds a listener for every change; returns the unsubscribe function. */
export function subscribeRevisionChanges(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells every listener; a listener that throws does not stop the others or the engine. */
export function publishRevisionChange(change: RevisionChange): void {
  for (const listener of listeners) {
    try {
      listener(change);
    } catch (error) {
      console.error(JSON.stringify({ level: "warn", msg: "revision listener failed", error: String(error) }));
    }
  }
}

/** Whether anyone listens, so the engine skips the read that a published revision costs. */
export function hasRevisionListeners(): boolean {
  return listeners.size > 0;
}
