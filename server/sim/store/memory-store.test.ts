import { describe, expect, it } from "vitest";
import type { KubeObject, StoreEvent } from "@/server/sim/contract";
import { MemoryStore } from "@/server/sim/store/memory-store";

const CM = { group: "", version: "v1", plural: "configmaps" };
const D = { group: "apps", version: "v1", plural: "deployments" };
const cm = (name: string, owners: KubeObject[] = []): KubeObject => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, namespace: "ns", ...(owners.length ? { ownerReferences: owners.map((o) => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, uid: o.metadata.uid! })) } : {}) },
});
const deploy = (name: string): KubeObject => ({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name, namespace: "ns" }, spec: { replicas: 1 } });

describe("MemoryStore", () => {
  it("gives every write the next global resourceVersion and emits events in commit order", () => {
    const store = new MemoryStore();
    const events: StoreEvent[] = [];
    store.subscribe((e) => events.push(e));
    const a = store.create(CM, cm("a"));
    const d = store.create(D, deploy("d"));
    expect(Number(d.metadata.resourceVersion)).toBe(Number(a.metadata.resourceVersion) + 1);
    store.delete(CM, "ns", "a");
    expect(events.map((e) => `${e.type} ${e.object.metadata.name} ${e.object.metadata.resourceVersion}`)).toEqual([
      `ADDED a ${a.metadata.resourceVersion}`,
      `ADDED d ${d.metadata.resourceVersion}`,
      `DELETED a ${Number(d.metadata.resourceVersion) + 1}`,
    ]);
  });

  it("bumps generation only when something besides metadata and status changes", () => {
    const store = new MemoryStore();
    const d = store.create(D, deploy("d"));
    const relabelled = store.update(D, { ...d, metadata: { ...d.metadata, labels: { a: "b" } }, status: { replicas: 1 } });
    expect(relabelled.metadata.generation).toBe(1);
    const scaled = store.update(D, { ...relabelled, spec: { replicas: 3 } });
    expect(scaled.metadata.generation).toBe(2);
    expect(() => store.update(D, d)).toThrow(/the object has been modified/);
  });

  it("deletes dependents in the foreground, keeps those with another owner, and honours finalizers", () => {
    const store = new MemoryStore();
    const owner = store.create(D, deploy("owner"));
    const other = store.create(D, deploy("other"));
    store.create(CM, cm("only-owner", [owner]));
    store.create(CM, cm("shared", [owner, other]));
    store.delete(D, "ns", "owner", { propagationPolicy: "Foreground" });
    expect(store.get(CM, "ns", "only-owner")).toBeUndefined();
    expect(store.get(CM, "ns", "shared")?.metadata.ownerReferences?.map((r) => r.name)).toEqual(["other"]);
    store.create(CM, { ...cm("held"), metadata: { ...cm("held").metadata, finalizers: ["example.com/x"] } });
    expect(store.delete(CM, "ns", "held")?.metadata.deletionTimestamp).toBeTruthy();
    expect(store.get(CM, "ns", "held")).toBeDefined();
    store.update(CM, { ...store.get(CM, "ns", "held")!, metadata: { ...store.get(CM, "ns", "held")!.metadata, finalizers: [] } });
    expect(store.get(CM, "ns", "held")).toBeUndefined();
  });

  it("keeps a bounded history and reports older versions as gone", () => {
    const store = new MemoryStore({ historyLimit: 3 });
    const first = store.create(CM, cm("h0"));
    for (let i = 1; i < 6; i++) store.create(CM, cm(`h${i}`));
    expect(store.eventsSince(Number(first.metadata.resourceVersion))).toBe("gone");
    const recent = store.eventsSince(Number(store.currentResourceVersion()) - 2);
    expect(recent !== "gone" && recent.map((h) => h.event.object.metadata.name)).toEqual(["h4", "h5"]);
    store.compact();
    expect(store.eventsSince(Number(store.currentResourceVersion()) - 1)).toBe("gone");
  });
});
