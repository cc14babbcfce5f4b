/**
 * A minimal in-memory SimStore for the controllers' and streams' unit tests, so they do not
 * depend on the API server's store. It keeps one global resourceVersion, emits events
 * synchronously after each write and deletes dependents in the background like the real GC.
 */
import { randomUUID } from "node:crypto";
import { SimError, type KubeObject, type ResourceRef, type SimStore, type StoreEvent } from "@/server/sim/contract";
import { simNowIso } from "@/server/sim/controllers/sim-clock";
import { generateJobSelector } from "@/server/sim/validate/generate-job-selector";

export function createTestStore(): SimStore & { all(): KubeObject[] } {
  const tables = new Map<string, Map<string, KubeObject>>();
  const listeners = new Set<(e: StoreEvent) => void>();
  let rv = 1;

  const table = (ref: ResourceRef) => {
    const k = `${ref.group}/${ref.version}/${ref.plural}`;
    let t = tables.get(k);
    if (!t) tables.set(k, (t = new Map()));
    return t;
  };
  const key = (ns: string | undefined, name: string) => `${ns ?? ""}/${name}`;
  const emit = (type: StoreEvent["type"], resource: ResourceRef, object: KubeObject) => {
    for (const l of [...listeners]) l({ type, resource, object: structuredClone(object) });
  };

  const store: SimStore & { all(): KubeObject[] } = {
    get: (ref, ns, name) => {
      const o = table(ref).get(key(ns, name));
      return o && structuredClone(o);
    },
    list: (ref, ns) => [...table(ref).values()].filter((o) => ns === undefined || o.metadata.namespace === ns).map((o) => structuredClone(o)),
    create(ref, obj) {
      const o = structuredClone(obj);
      if (!o.metadata.name && o.metadata.generateName) o.metadata.name = o.metadata.generateName + randomUUID().slice(0, 5);
      const k = key(o.metadata.namespace, o.metadata.name);
      if (table(ref).has(k)) throw new SimError(409, "AlreadyExists", `${ref.plural} "${o.metadata.name}" already exists`);
      o.metadata.uid = randomUUID();
      o.metadata.resourceVersion = String(++rv);
      o.metadata.creationTimestamp = simNowIso();
      o.metadata.generation = 1;
      if (ref.group === "batch" && ref.plural === "jobs") generateJobSelector(o);
      table(ref).set(k, o);
      emit("ADDED", ref, o);
      return structuredClone(o);
    },
    update(ref, obj, opts) {
      const k = key(obj.metadata.namespace, obj.metadata.name);
      const old = table(ref).get(k);
      if (!old) throw new SimError(404, "NotFound", `${ref.plural} "${obj.metadata.name}" not found`);
      if (opts?.checkResourceVersion && obj.metadata.resourceVersion !== old.metadata.resourceVersion) throw new SimError(409, "Conflict", "the object has been modified");
      const o = structuredClone(obj);
      o.metadata.uid = old.metadata.uid;
      o.metadata.creationTimestamp = old.metadata.creationTimestamp;
      const specChanged = JSON.stringify(o.spec) !== JSON.stringify(old.spec);
      o.metadata.generation = (old.metadata.generation ?? 1) + (specChanged ? 1 : 0);
      o.metadata.resourceVersion = String(++rv);
      table(ref).set(k, o);
      emit("MODIFIED", ref, o);
      return structuredClone(o);
    },
    delete(ref, ns, name, opts) {
      const k = key(ns, name);
      const old = table(ref).get(k);
      if (!old) throw new SimError(404, "NotFound", `${ref.plural} "${name}" not found`);
      table(ref).delete(k);
      old.metadata.resourceVersion = String(++rv);
      emit("DELETED", ref, old);
      if (opts?.propagationPolicy !== "Orphan") {
        for (const [tk, t] of tables) {
          const [group, version, plural] = tk.split("/");
          for (const dep of [...t.values()]) {
            if ((dep.metadata.ownerReferences ?? []).some((r) => r.uid === old.metadata.uid)) {
              store.delete({ group, version, plural }, dep.metadata.namespace, dep.metadata.name);
            }
          }
        }
      }
      return structuredClone(old);
    },
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    all: () => [...tables.values()].flatMap((t) => [...t.values()]),
  };
  return store;
}
