/**
 * One shared informer per kind for the whole process (never one watch per request or per
 * browser): a cache of Berth's objects kept current by list+watch, and a way to subscribe to
 * changes. Informers start on first use and restart with backoff after errors; a watch that
 * ends normally or with 410 Gone is resumed or relisted by client-node's ListWatch.
 * https://kubernetes.io/docs/reference/using-api/api-concepts/#efficient-detection-of-changes
 *
 * Known limits: Events carry no labels, so the Event informer is cluster-wide and unfiltered;
 * Secrets are deliberately not informed (their values would sit in memory for no reader).
 */
import { makeInformer, type Informer, type KubeConfig, type ObjectCache, type KubernetesObject } from "@kubernetes/client-node";
import { processSingleton } from "@/server/singleton";
import { listObjects, MANAGED_BY_SELECTOR } from "@/server/kube/list-managed";
import type { KubeObject } from "@/server/kube/kube-object";
import { resourceKindNamed, resourcePath, type InformedKind } from "@/server/kube/kind-registry";

export type InformerEventType = "add" | "update" | "delete";
export interface InformerEvent {
  type: InformerEventType;
  kind: InformedKind;
  object: KubeObject;
}

export interface SharedInformer {
  kind: InformedKind;
  /** Objects in the cache (one namespace, or all). Treat them as read-only. */
  list(namespace?: string): readonly KubeObject[];
  get(name: string, namespace?: string): KubeObject | undefined;
  /** Called for every change after the initial list; returns an unsubscribe function. */
  subscribe(listener: (event: InformerEvent) => void): () => void;
  /** True once the first list has filled the cache. */
  isSynced(): boolean;
  /** Resolves when synced; rejects after `timeoutMs` (the cluster may be down). */
  waitForSync(timeoutMs?: number): Promise<void>;
  /** The last error (cleared by the next successful connect), for health pages. */
  lastError(): string | undefined;
  /**
   * Changes with every add, update or delete in `namespace` (and differs between informers), so
   * a reader can keep what it computed from the namespace's objects until they change.
   */
  version(namespace: string): string;
}

const BACKOFF_START_MS = 250;
let informersStarted = 0;
const BACKOFF_MAX_MS = 30_000;

interface Entry {
  informer: SharedInformer;
  stop(): Promise<void>;
}

const state = processSingleton("kube-informers", () => ({
  byConfig: new WeakMap<KubeConfig, Map<InformedKind, Entry>>(),
  all: new Set<Entry>(),
}));

/** The process's informer for `kind` on `kubeConfig`, started on first use. */
export function getInformer(kind: InformedKind, kubeConfig: KubeConfig): SharedInformer {
  let perKind = state.byConfig.get(kubeConfig);
  if (!perKind) {
    perKind = new Map();
    state.byConfig.set(kubeConfig, perKind);
  }
  let entry = perKind.get(kind);
  if (!entry) {
    entry = startInformer(kind, kubeConfig);
    perKind.set(kind, entry);
    state.all.add(entry);
  }
  return entry.informer;
}

/** How many informers hold an open list+watch (synced and not failing), for the metrics page. */
export function openWatchCount(): number {
  let count = 0;
  for (const entry of state.all) if (entry.informer.isSynced() && !entry.informer.lastError()) count++;
  return count;
}

/** Stops every informer (shutdown, end of a test). The next getInformer starts afresh. */
export async function stopInformers(): Promise<void> {
  const entries = [...state.all];
  state.all.clear();
  state.byConfig = new WeakMap();
  await Promise.allSettled(entries.map((e) => e.stop()));
}

function startInformer(kind: InformedKind, kubeConfig: KubeConfig): Entry {
  const descriptor = resourceKindNamed(kind);
  const selector = kind === "Event" ? undefined : MANAGED_BY_SELECTOR;
  const list = async () => {
    const result = await listObjects(kubeConfig, descriptor, { labelSelector: selector });
    return result as unknown as { metadata?: { resourceVersion?: string }; items: KubernetesObject[] };
  };
  const inner = makeInformer<KubernetesObject>(kubeConfig, resourcePath(descriptor), list, selector) as Informer<KubernetesObject> &
    ObjectCache<KubernetesObject>;
  const listeners = new Set<(event: InformerEvent) => void>();
  const syncWaiters = new Set<() => void>();
  let isSynced = false;
  let isStopped = false;
  let failures = 0;
  let error: string | undefined;
  let retryTimer: NodeJS.Timeout | undefined;

  const serial = ++informersStarted;
  const changes = new Map<string, number>();
  const emit = (type: InformerEventType) => (obj: KubernetesObject) => {
    const namespace = obj.metadata?.namespace ?? "";
    changes.set(namespace, (changes.get(namespace) ?? 0) + 1);
    // The cache holds this very object. Nothing Berth reads from a cache needs managedFields
    // (drift reads the live object from the API), and on a real cluster they are a large share
    // of every object's size, so they are not kept.
    if (type !== "delete" && obj.metadata) delete obj.metadata.managedFields;
    const object = { ...(obj as KubeObject), apiVersion: descriptor.apiVersion, kind: descriptor.kind };
    for (const listener of listeners) {
      try {
        listener({ type, kind, object });
      } catch (err) {
        console.error(JSON.stringify({ level: "error", msg: "informer listener failed", kind, error: String(err) }));
      }
    }
  };
  inner.on("add", emit("add"));
  inner.on("update", emit("update"));
  inner.on("delete", emit("delete"));
  inner.on("error", (err: unknown) => {
    if (isStopped) return;
    failures++;
    error = err instanceof Error ? err.message : String(err);
    const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_START_MS * 2 ** Math.min(failures - 1, 10));
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void run(), delay * (0.5 + Math.random() / 2));
    retryTimer.unref();
  });

  async function run() {
    if (isStopped) return;
    const failuresBefore = failures;
    await inner.start().catch(() => {});
    if (failures === failuresBefore && !isStopped) {
      failures = 0;
      error = undefined;
      isSynced = true;
      for (const wake of syncWaiters) wake();
      syncWaiters.clear();
    }
  }
  void run();

  const informer: SharedInformer = {
    kind,
    list: (namespace) => inner.list(namespace) as readonly KubeObject[],
    get: (name, namespace) => inner.get(name, namespace) as KubeObject | undefined,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    isSynced: () => isSynced,
    waitForSync(timeoutMs = 10_000) {
      if (isSynced) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          syncWaiters.delete(wake);
          reject(new Error(`The ${kind} list did not load within ${timeoutMs / 1000} s${error ? ` (${error})` : ""}.`));
        }, timeoutMs);
        const wake = () => {
          clearTimeout(timer);
          resolve();
        };
        syncWaiters.add(wake);
      });
    },
    lastError: () => error,
    version: (namespace) => `${serial}.${changes.get(namespace) ?? 0}`,
  };
  return {
    informer,
    async stop() {
      isStopped = true;
      clearTimeout(retryTimer);
      listeners.clear();
      await inner.stop();
    },
  };
}
