/**
 * The in-memory object store behind the simulated API server. Objects are indexed by
 * resource → namespace → name so a namespaced list never scans other resources, and every
 * committed write gets the next value of one global resourceVersion counter, as with etcd.
 * A bounded event history backs watches that resume from a resourceVersion; older versions
 * answer 410 Gone like a compacted etcd.
 */
import { randomUUID } from "node:crypto";
import { SimError, type KubeObject, type ResourceRef, type SimStore, type StoreEvent, type WatchEventType } from "@/server/sim/contract";
import { findKind, KINDS, qualifiedResource, refOf, resourceKey } from "@/server/sim/kinds/kind-registry";
import { collectGarbage, orphanDependents } from "@/server/sim/store/garbage-collect";
import { simNowIso } from "@/server/sim/controllers/sim-clock";
import { generateJobSelector } from "@/server/sim/validate/generate-job-selector";

export interface HistoryEntry {
  rv: number;
  event: StoreEvent;
}

export interface MemoryStoreOptions {
  /** How many events a watch can resume from (default 1000). */
  historyLimit?: number;
  /**
   * Delay before a Terminating namespace is emptied and removed, and before the garbage
   * collector finishes a foreground deletion (default 50 ms).
   */
  namespaceFinalizeMs?: number;
}

type Bucket = Map<string, Map<string, KubeObject>>; // namespace ("" when cluster-scoped) → name → object

export class MemoryStore implements SimStore {
  private readonly buckets = new Map<string, Bucket>();
  private readonly listeners = new Set<(e: StoreEvent) => void>();
  /** owner uid → dependents (by resource key, namespace and name), so garbage collection never scans. */
  private readonly dependents = new Map<string, Map<string, { ref: ResourceRef; namespace?: string; name: string }>>();
  private history: HistoryEntry[] = [];
  private rv = 1;
  /** Versions at or below this were compacted away; watching from them answers 410. */
  private compactedRv = 0;
  readonly historyLimit: number;
  readonly namespaceFinalizeMs: number;

  constructor(opts: MemoryStoreOptions = {}) {
    this.historyLimit = opts.historyLimit ?? 1000;
    this.namespaceFinalizeMs = opts.namespaceFinalizeMs ?? 50;
  }

  currentResourceVersion(): string {
    return String(this.rv);
  }

  get(ref: ResourceRef, namespace: string | undefined, name: string): KubeObject | undefined {
    const found = this.peek(ref, namespace, name);
    return found && structuredClone(found);
  }

  /** The stored object itself, not a copy: callers must not mutate it (used by the HTTP read path). */
  peek(ref: ResourceRef, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.buckets.get(resourceKey(ref))?.get(namespace ?? "")?.get(name);
  }

  list(ref: ResourceRef, namespace?: string): KubeObject[] {
    return this.listRaw(ref, namespace).map((o) => structuredClone(o));
  }

  /** Stored objects sorted by namespace then name, as etcd's key order gives them. Do not mutate. */
  listRaw(ref: ResourceRef, namespace?: string): KubeObject[] {
    const bucket = this.buckets.get(resourceKey(ref));
    if (!bucket) return [];
    const namespaces = namespace !== undefined ? [namespace] : [...bucket.keys()].sort();
    const out: KubeObject[] = [];
    for (const ns of namespaces) {
      const byName = bucket.get(ns);
      if (!byName) continue;
      for (const name of [...byName.keys()].sort()) out.push(byName.get(name)!);
    }
    return out;
  }

  create(ref: ResourceRef, input: KubeObject): KubeObject {
    const obj = structuredClone(input);
    const ns = obj.metadata.namespace ?? "";
    if (!obj.metadata.name && obj.metadata.generateName) obj.metadata.name = this.generateName(ref, ns, obj.metadata.generateName);
    if (this.peek(ref, ns, obj.metadata.name)) {
      throw new SimError(409, "AlreadyExists", `${qualifiedResource(ref)} "${obj.metadata.name}" already exists`, objectDetails(ref, obj.metadata.name));
    }
    obj.metadata.uid = randomUUID();
    obj.metadata.creationTimestamp = simNowIso();
    obj.metadata.generation = 1;
    delete obj.metadata.deletionTimestamp;
    if (ref.group === "batch" && ref.plural === "jobs") generateJobSelector(obj);
    this.commit(ref, "ADDED", obj);
    return structuredClone(obj);
  }

  update(ref: ResourceRef, input: KubeObject, opts: { checkResourceVersion?: boolean } = {}): KubeObject {
    const obj = structuredClone(input);
    const ns = obj.metadata.namespace ?? "";
    const old = this.peek(ref, ns, obj.metadata.name);
    if (!old) throw notFound(ref, obj.metadata.name);
    if ((opts.checkResourceVersion ?? true) && obj.metadata.resourceVersion && obj.metadata.resourceVersion !== old.metadata.resourceVersion) {
      throw conflict(ref, obj.metadata.name);
    }
    obj.metadata.uid = old.metadata.uid;
    obj.metadata.creationTimestamp = old.metadata.creationTimestamp;
    obj.metadata.generation = (old.metadata.generation ?? 1) + (specChanged(old, obj) ? 1 : 0);
    if (old.metadata.deletionTimestamp) obj.metadata.deletionTimestamp = old.metadata.deletionTimestamp;
    if (obj.metadata.deletionTimestamp && !obj.metadata.finalizers?.length) {
      this.remove(ref, obj);
      return structuredClone(obj);
    }
    this.commit(ref, "MODIFIED", obj);
    return structuredClone(obj);
  }

  delete(ref: ResourceRef, namespace: string | undefined, name: string, opts: { propagationPolicy?: "Foreground" | "Background" | "Orphan" } = {}): KubeObject | undefined {
    const old = this.peek(ref, namespace ?? "", name);
    if (!old) return undefined;
    const kind = findKind(ref);
    if (kind?.kind === "Namespace") return this.terminateNamespace(ref, old);
    const policy = opts.propagationPolicy ?? "Background";
    if (policy === "Orphan") orphanDependents(this, old);
    if (policy === "Foreground") {
      collectGarbage(this, old);
      return this.deleteInForeground(ref, old);
    }
    if (old.metadata.finalizers?.length) return this.markDeleted(ref, old, old.metadata.finalizers);
    const removed = this.remove(ref, structuredClone(old));
    if (policy === "Background") collectGarbage(this, old);
    return removed;
  }

  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Events after `rv`, or "gone" when `rv` is older than the retained window. */
  eventsSince(rv: number): HistoryEntry[] | "gone" {
    const oldest = this.history[0]?.rv ?? this.rv + 1;
    if (rv < this.compactedRv || rv < oldest - 1) return "gone";
    return this.history.filter((h) => h.rv > rv);
  }

  /** The oldest version a watch can still resume from (for the 410 message). */
  oldestResumableVersion(): number {
    return Math.max(this.compactedRv, (this.history[0]?.rv ?? this.rv + 1) - 1);
  }

  /** Forget all history, as an etcd compaction does: older versions then answer 410 Gone. */
  compact(): void {
    this.history = [];
    this.compactedRv = this.rv;
  }

  /** Sets deletionTimestamp (once) and the finalizers that hold the object until they are removed. */
  private markDeleted(ref: ResourceRef, old: KubeObject, finalizers: string[]): KubeObject {
    if (old.metadata.deletionTimestamp) return structuredClone(old);
    const marked = structuredClone(old);
    marked.metadata.deletionTimestamp = nowSeconds();
    marked.metadata.deletionGracePeriodSeconds = 0;
    marked.metadata.finalizers = finalizers;
    this.commit(ref, "MODIFIED", marked);
    return structuredClone(marked);
  }

  /**
   * Foreground deletion: the owner stays, with the `foregroundDeletion` finalizer, until the
   * garbage collector has deleted its dependents (here at once) and then drops that finalizer.
   */
  private deleteInForeground(ref: ResourceRef, old: KubeObject): KubeObject {
    const finalizers = old.metadata.finalizers ?? [];
    const marked = this.markDeleted(ref, old, finalizers.includes("foregroundDeletion") ? finalizers : [...finalizers, "foregroundDeletion"]);
    const timer = setTimeout(() => {
      const current = this.peek(ref, old.metadata.namespace ?? "", old.metadata.name);
      if (!current || current.metadata.uid !== old.metadata.uid) return;
      const next = structuredClone(current);
      next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((f) => f !== "foregroundDeletion");
      this.update(ref, next, { checkResourceVersion: false });
    }, this.namespaceFinalizeMs);
    timer.unref();
    return marked;
  }

  private terminateNamespace(ref: ResourceRef, old: KubeObject): KubeObject {
    if (old.metadata.deletionTimestamp) return structuredClone(old);
    const marked = structuredClone(old) as KubeObject & { status?: { phase?: string } };
    marked.metadata.deletionTimestamp = nowSeconds();
    marked.status = { ...(marked.status ?? {}), phase: "Terminating" };
    this.commit(ref, "MODIFIED", marked);
    const name = old.metadata.name;
    const timer = setTimeout(() => this.finalizeNamespace(ref, name), this.namespaceFinalizeMs);
    timer.unref();
    return structuredClone(marked);
  }

  private finalizeNamespace(ref: ResourceRef, name: string): void {
    for (const kind of KINDS) {
      if (!kind.namespaced || kind.readOnly) continue;
      for (const obj of this.listRaw(refOf(kind), name)) this.remove(refOf(kind), structuredClone(obj));
    }
    const ns = this.peek(ref, "", name);
    if (ns) this.remove(ref, structuredClone(ns));
  }

  /** Objects whose ownerReferences name `uid`. Do not mutate. */
  dependentsOf(uid: string): Array<{ ref: ResourceRef; obj: KubeObject }> {
    const out: Array<{ ref: ResourceRef; obj: KubeObject }> = [];
    for (const d of this.dependents.get(uid)?.values() ?? []) {
      const obj = this.peek(d.ref, d.namespace, d.name);
      if (obj) out.push({ ref: d.ref, obj });
    }
    return out;
  }

  private indexOwners(ref: ResourceRef, old: KubeObject | undefined, next: KubeObject | undefined): void {
    const obj = (next ?? old)!;
    const key = `${resourceKey(ref)}|${obj.metadata.namespace ?? ""}|${obj.metadata.name}`;
    for (const r of old?.metadata.ownerReferences ?? []) {
      const m = this.dependents.get(r.uid);
      m?.delete(key);
      if (m?.size === 0) this.dependents.delete(r.uid);
    }
    for (const r of next?.metadata.ownerReferences ?? []) {
      let m = this.dependents.get(r.uid);
      if (!m) this.dependents.set(r.uid, (m = new Map()));
      m.set(key, { ref, namespace: obj.metadata.namespace, name: obj.metadata.name });
    }
  }

  private remove(ref: ResourceRef, obj: KubeObject): KubeObject {
    this.indexOwners(ref, this.peek(ref, obj.metadata.namespace ?? "", obj.metadata.name), undefined);
    this.buckets.get(resourceKey(ref))?.get(obj.metadata.namespace ?? "")?.delete(obj.metadata.name);
    this.rv += 1;
    obj.metadata.resourceVersion = String(this.rv);
    this.emit({ type: "DELETED", resource: ref, object: obj });
    return structuredClone(obj);
  }

  private commit(ref: ResourceRef, type: WatchEventType, obj: KubeObject): void {
    this.rv += 1;
    obj.metadata.resourceVersion = String(this.rv);
    const key = resourceKey(ref);
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = new Map()));
    const ns = obj.metadata.namespace ?? "";
    let byName = bucket.get(ns);
    if (!byName) bucket.set(ns, (byName = new Map()));
    const previous = byName.get(obj.metadata.name);
    this.indexOwners(ref, previous, obj);
    byName.set(obj.metadata.name, obj);
    this.emit({ type, resource: ref, object: obj, ...(type === "MODIFIED" && previous ? { previous } : {}) });
  }

  private emit(event: StoreEvent): void {
    this.history.push({ rv: this.rv, event });
    if (this.history.length > this.historyLimit) this.history.splice(0, this.history.length - this.historyLimit);
    for (const l of [...this.listeners]) {
      try {
        l(event);
      } catch (err) {
        console.error("sim: store listener failed", err);
      }
    }
  }

  private generateName(ref: ResourceRef, ns: string, prefix: string): string {
    const alphabet = "bcdfghjklmnpqrstvwxz2456789";
    for (;;) {
      let suffix = "";
      for (let i = 0; i < 5; i++) suffix += alphabet[Math.floor(Math.random() * alphabet.length)];
      const name = prefix + suffix;
      if (!this.peek(ref, ns, name)) return name;
    }
  }
}

function nowSeconds(): string {
  return simNowIso();
}

/** Generation moves only when something other than metadata and status changes. */
function specChanged(old: KubeObject, next: KubeObject): boolean {
  const strip = (o: KubeObject) => JSON.stringify({ ...o, metadata: undefined, status: undefined, apiVersion: undefined, kind: undefined });
  return strip(old) !== strip(next);
}

/** Status details of an error about one object; the core group is left out, as real servers do. */
export function objectDetails(ref: Pick<ResourceRef, "group" | "plural">, name: string): Record<string, string> {
  return ref.group ? { name, group: ref.group, kind: ref.plural } : { name, kind: ref.plural };
}

export function notFound(ref: Pick<ResourceRef, "group" | "plural">, name: string): SimError {
  return new SimError(404, "NotFound", `${qualifiedResource(ref)} "${name}" not found`, objectDetails(ref, name));
}

export function conflict(ref: Pick<ResourceRef, "group" | "plural">, name: string): SimError {
  return new SimError(
    409,
    "Conflict",
    `Operation cannot be fulfilled on ${qualifiedResource(ref)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    objectDetails(ref, name),
  );
}
