/**
 * The server side of live updates: ONE subscription to the process's shared informers, fanned
 * out to every open /api/ws/live socket. The number of watches on the API server therefore
 * stays one per kind however many browsers are open (bench/fanout counts them).
 *
 * A change to any managed object of an app (Deployment, ReplicaSet, Pod, PVC, Ingress, Service,
 * or an Event about one of them) schedules a recomputation of that app's status, debounced per
 * app, so a rollout's burst of pod updates becomes one `app-status` message. Namespace changes
 * become one `projects-changed`. A deploy's progress and outcome (the engine's revision feed)
 * are forwarded as they come.
 *
 * Known limits: Events carry no labels, so an Event is tied to its app through the informer
 * cache of the object it is about; an Event about an object already gone from the cache is
 * dropped (the object's own delete already triggered a recomputation).
 */
import type { KubeConfig } from "@kubernetes/client-node";
import { revisionSchema } from "@/lib/dto/app";
import type { AppStatus } from "@/lib/dto/app-status";
import type { LiveServerMessage } from "@/lib/ws-protocol";
import { readAppStatusIfExists } from "@/server/engine/queries/read-app-status";
import { LABEL_APP } from "@/server/engine/render/labels";
import { subscribeRevisionChanges, type RevisionChange } from "@/server/engine/revision-feed";
import { getInformer, type InformerEvent, type SharedInformer } from "@/server/kube/informers";
import { APP_LABELLED_KINDS, INFORMED_KINDS, type InformedKind } from "@/server/kube/kind-registry";
import { processSingleton } from "@/server/singleton";

export const DEFAULT_DEBOUNCE_MS = 100;

/** The app's current status, or null when the app no longer exists. */
export type StatusOf = (project: string, app: string) => Promise<AppStatus | null>;

export interface LiveFanout {
  /** Adds a listener for every message; returns the unsubscribe function. */
  subscribe(listener: (message: LiveServerMessage) => void): () => void;
  subscriberCount(): number;
  /** Unsubscribes from the informers and drops pending work (shutdown, end of a bench). */
  stop(): void;
}

export interface LiveFanoutOptions {
  informer: (kind: InformedKind) => SharedInformer;
  statusOf: StatusOf;
  /** The engine's deploy progress and outcomes (revision-feed.ts); left out, none are forwarded. */
  revisions?: (listener: (change: RevisionChange) => void) => () => void;
  debounceMs?: number;
  onError?: (error: unknown) => void;
}

type InvolvedObject = { kind?: string; name?: string; namespace?: string };

/** Which app an informer event is about, if any: its label, or for an Event, its object's label. */
function appOf(event: InformerEvent, informer: (kind: InformedKind) => SharedInformer): { project: string; app: string } | null {
  const { object } = event;
  if (event.kind === "Event") {
    const involved = (object as unknown as { involvedObject?: InvolvedObject }).involvedObject;
    const kind = APP_LABELLED_KINDS.find((k) => k === involved?.kind);
    if (!kind || !involved?.name || !involved.namespace) return null;
    const target = informer(kind).get(involved.name, involved.namespace);
    const app = target?.metadata.labels?.[LABEL_APP];
    return app ? { project: involved.namespace, app } : null;
  }
  const app = object.metadata.labels?.[LABEL_APP];
  const project = object.metadata.namespace;
  return app && project ? { project, app } : null;
}

export function createLiveFanout(options: LiveFanoutOptions): LiveFanout {
  const debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  const listeners = new Set<(message: LiveServerMessage) => void>();
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Set<string>();
  const rerun = new Set<string>();
  let projectsTimer: NodeJS.Timeout | undefined;
  let isStopped = false;

  function broadcast(message: LiveServerMessage) {
    for (const listener of listeners) {
      try {
        listener(message);
      } catch (error) {
        options.onError?.(error);
      }
    }
  }

  async function recompute(key: string, project: string, app: string) {
    if (running.has(key)) {
      rerun.add(key);
      return;
    }
    running.add(key);
    try {
      const status = await options.statusOf(project, app);
      if (isStopped) return;
      broadcast(status ? { type: "app-status", project, app, status } : { type: "app-removed", project, app });
    } catch (error) {
      options.onError?.(error);
    } finally {
      running.delete(key);
      if (rerun.delete(key) && !isStopped) schedule(project, app);
    }
  }

  function schedule(project: string, app: string) {
    const key = `${project}/${app}`;
    if (timers.has(key)) return;
    const timer = setTimeout(() => {
      timers.delete(key);
      void recompute(key, project, app);
    }, debounceMs);
    timer.unref();
    timers.set(key, timer);
  }

  function handleEvent(event: InformerEvent) {
    if (isStopped || listeners.size === 0) return;
    if (event.kind === "Namespace") {
      if (projectsTimer) return;
      projectsTimer = setTimeout(() => {
        projectsTimer = undefined;
        broadcast({ type: "projects-changed" });
      }, debounceMs);
      projectsTimer.unref();
      return;
    }
    const target = appOf(event, options.informer);
    if (target) schedule(target.project, target.app);
  }

  const unsubscribes = INFORMED_KINDS.map((kind) => options.informer(kind).subscribe(handleEvent));
  if (options.revisions) {
    unsubscribes.push(
      options.revisions((change) => {
        if (isStopped || listeners.size === 0) return;
        broadcast(change.type === "revision" ? { ...change, revision: revisionSchema.parse(change.revision) } : change);
      }),
    );
  }

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    subscriberCount: () => listeners.size,
    stop() {
      isStopped = true;
      for (const unsubscribe of unsubscribes) unsubscribe();
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      clearTimeout(projectsTimer);
      listeners.clear();
    },
  };
}

const fanouts = processSingleton("live-fanouts", () => new WeakMap<KubeConfig, LiveFanout>());

/** The process's one fan-out for `kubeConfig`, subscribed to the shared informers on first use. */
export function getLiveFanout(kubeConfig: KubeConfig): LiveFanout {
  let fanout = fanouts.get(kubeConfig);
  if (!fanout) {
    fanout = createLiveFanout({
      informer: (kind) => getInformer(kind, kubeConfig),
      statusOf: readAppStatusIfExists,
      revisions: subscribeRevisionChanges,
      onError: (error) => console.error(JSON.stringify({ level: "warn", msg: "live status failed", error: String(error) })),
    });
    fanouts.set(kubeConfig, fanout);
  }
  return fanout;
}
