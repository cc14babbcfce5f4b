/**
 * Owner-reference garbage collection, done synchronously at delete time so tests see a
 * settled state. Real clusters do this in the garbage collector controller:
 * https://kubernetes.io/docs/concepts/architecture/garbage-collection/
 */
import type { KubeObject } from "@/server/sim/contract";
import { KINDS, refOf } from "@/server/sim/kinds/kind-registry";
import type { MemoryStore } from "@/server/sim/store/memory-store";

function dependentsOf(store: MemoryStore, owner: KubeObject) {
  const out: Array<{ kind: (typeof KINDS)[number]; obj: KubeObject }> = [];
  const uid = owner.metadata.uid;
  for (const kind of KINDS) {
    if (kind.readOnly) continue;
    if (owner.metadata.namespace && !kind.namespaced) continue;
    const objs = store.listRaw(refOf(kind), kind.namespaced ? owner.metadata.namespace : undefined);
    for (const obj of objs) if (obj.metadata.ownerReferences?.some((r) => r.uid === uid)) out.push({ kind, obj });
  }
  return out;
}

/** Deletes every object owned by `owner` (recursively, in background mode). */
export function collectGarbage(store: MemoryStore, owner: KubeObject): void {
  for (const { kind, obj } of dependentsOf(store, owner)) {
    const remaining = obj.metadata.ownerReferences!.filter((r) => r.uid !== owner.metadata.uid);
    if (remaining.length > 0) {
      const copy = structuredClone(obj);
      copy.metadata.ownerReferences = remaining;
      store.update(refOf(kind), copy, { checkResourceVersion: false });
    } else {
      store.delete(refOf(kind), obj.metadata.namespace, obj.metadata.name, { propagationPolicy: "Background" });
    }
  }
}

/** Removes `owner` from its dependents' ownerReferences so they outlive it. */
export function orphanDependents(store: MemoryStore, owner: KubeObject): void {
  for (const { kind, obj } of dependentsOf(store, owner)) {
    const copy = structuredClone(obj);
    copy.metadata.ownerReferences = obj.metadata.ownerReferences!.filter((r) => r.uid !== owner.metadata.uid);
    if (copy.metadata.ownerReferences.length === 0) delete copy.metadata.ownerReferences;
    store.update(refOf(kind), copy, { checkResourceVersion: false });
  }
}
