/**
 * Owner-reference garbage collection, done synchronously at delete time so tests see a
 * settled state. Real clusters do this in the garbage collector controller:
 * https://kubernetes.io/docs/concepts/architecture/garbage-collection/
 */
import type { KubeObject } from "@/server/sim/contract";
import type { MemoryStore } from "@/server/sim/store/memory-store";

function dependentsOf(store: MemoryStore, owner: KubeObject) {
  // A namespaced owner only owns objects in its own namespace (cross-namespace references are invalid).
  return store
    .dependentsOf(owner.metadata.uid ?? "")
    .filter(({ obj }) => !owner.metadata.namespace || obj.metadata.namespace === owner.metadata.namespace)
    .map(({ ref, obj }) => ({ ref, obj }));
}

/** Deletes every object owned by `owner` (recursively, in background mode). */
export function collectGarbage(store: MemoryStore, owner: KubeObject): void {
  for (const { ref, obj } of dependentsOf(store, owner)) {
    const remaining = obj.metadata.ownerReferences!.filter((r) => r.uid !== owner.metadata.uid);
    if (remaining.length > 0) {
      const copy = structuredClone(obj);
      copy.metadata.ownerReferences = remaining;
      store.update(ref, copy, { checkResourceVersion: false });
    } else {
      store.delete(ref, obj.metadata.namespace, obj.metadata.name, { propagationPolicy: "Background" });
    }
  }
}

/** Removes `owner` from its dependents' ownerReferences so they outlive it. */
export function orphanDependents(store: MemoryStore, owner: KubeObject): void {
  for (const { ref, obj } of dependentsOf(store, owner)) {
    const copy = structuredClone(obj);
    copy.metadata.ownerReferences = obj.metadata.ownerReferences!.filter((r) => r.uid !== owner.metadata.uid);
    if (copy.metadata.ownerReferences.length === 0) delete copy.metadata.ownerReferences;
    store.update(ref, copy, { checkResourceVersion: false });
  }
}
