import { afterEach, describe, expect, it } from "vitest";
import type { KubeObject, SimController, SimStore } from "@/server/sim/contract";
import { R } from "@/server/sim/controllers/resources";
import { startControllers } from "@/server/sim/controllers/start-controllers";
import { createTestStore } from "@/server/sim/controllers/test-store";
import { podsIn, statefulSet, waitFor } from "@/server/sim/controllers/test-helpers";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
let ctl: SimController | undefined;
afterEach(() => ctl?.stop());

const sts = (store: SimStore, name = "web") => store.get(R.statefulsets, "default", name) as Obj;
const podNames = (store: SimStore) => podsIn(store).map((p) => p.metadata.name).sort();
const claimNames = (store: SimStore) => store.list(R.pvcs, "default").filter((c) => !c.metadata.deletionTimestamp).map((c) => c.metadata.name).sort();
const ready = (store: SimStore, n: number, name = "web") => waitFor(() => { const s = sts(store, name); return s?.status?.readyReplicas === n && s.status.replicas === n && s.status.currentRevision === s.status.updateRevision && s; }, 8000, `${n} ready`);
const messages = (store: SimStore) => store.list(R.events, "default").filter((e) => (e.involvedObject as Obj).kind === "StatefulSet").map((e) => e.message as string);

function edit(store: SimStore, change: (spec: Obj) => void, name = "web"): void {
  const s = sts(store, name);
  change(s.spec);
  store.update(R.statefulsets, s as KubeObject);
}

describe("statefulset controller", () => {
  it("creates web-0 then web-1 (each once its predecessor is ready) with claims data-web-N, identity labels and hostnames", async () => {
    const store = createTestStore();
    ctl = startControllers(store, { tickMs: 10 });
    let overlap = false;
    store.subscribe(() => {
      const web0 = store.get(R.pods, "default", "web-0") as Obj | undefined;
      const isReady = web0?.status?.conditions?.some((c: Obj) => c.type === "Ready" && c.status === "True");
      if (store.get(R.pods, "default", "web-1") && !isReady) overlap = true;
    });
    store.create(R.statefulsets, statefulSet("web", 2));
    const s = await ready(store, 2);
    expect(overlap).toBe(false);
    expect(podNames(store)).toEqual(["web-0", "web-1"]);
    expect(claimNames(store)).toEqual(["data-web-0", "data-web-1"]);
    const pod = store.get(R.pods, "default", "web-1") as Obj;
    expect(pod.metadata.labels).toEqual({ app: "web", "controller-revision-hash": s.status.updateRevision, "statefulset.kubernetes.io/pod-name": "web-1", "apps.kubernetes.io/pod-index": "1" });
    expect(pod.metadata.ownerReferences[0]).toMatchObject({ kind: "StatefulSet", name: "web", controller: true, blockOwnerDeletion: true });
    expect(pod.spec).toMatchObject({ hostname: "web-1", subdomain: "web", volumes: [{ name: "data", persistentVolumeClaim: { claimName: "data-web-1" } }] });
    const claim = store.get(R.pvcs, "default", "data-web-1") as Obj;
    expect(claim.metadata.labels).toEqual({ app: "web" });
    expect(claim.status.phase).toBe("Bound");
    expect(claim.metadata.ownerReferences).toBeUndefined();
    expect(s.status).toEqual({ observedGeneration: 1, replicas: 2, readyReplicas: 2, currentReplicas: 2, updatedReplicas: 2, currentRevision: s.status.updateRevision, updateRevision: s.status.updateRevision, collisionCount: 0, availableReplicas: 2 });
    expect(s.status.updateRevision).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
    const [revision] = store.list(R.controllerrevisions, "default") as Obj[];
    expect(revision).toMatchObject({ metadata: { name: s.status.updateRevision, labels: { app: "web", "controller.kubernetes.io/hash": s.status.updateRevision.slice(4) } }, revision: 1 });
    expect(messages(store)).toEqual(expect.arrayContaining(["create Claim data-web-0 Pod web-0 in StatefulSet web success", "create Pod web-0 in StatefulSet web successful", "create Pod web-1 in StatefulSet web successful"]));
  });

  it("Parallel creates every pod at once", async () => {
    const store = createTestStore();
    ctl = startControllers(store, { tickMs: 50 });
    store.create(R.statefulsets, statefulSet("web", 3, { podManagementPolicy: "Parallel" }));
    await waitFor(() => podNames(store).length === 3, 2000, "three pods");
    expect(podsIn(store).some((p) => (p.status as Obj).conditions?.some((c: Obj) => c.type === "Ready" && c.status === "True"))).toBe(false);
  });

  it("scales down from the highest ordinal one at a time and keeps the claims", async () => {
    const store = createTestStore();
    ctl = startControllers(store, { tickMs: 10 });
    store.create(R.statefulsets, statefulSet("web", 3));
    await ready(store, 3);
    const deleted: string[] = [];
    store.subscribe((e) => { if (e.type === "DELETED" && e.resource.plural === "pods") deleted.push(e.object.metadata.name); });
    edit(store, (spec) => { spec.replicas = 1; });
    await ready(store, 1);
    expect(deleted).toEqual(["web-2", "web-1"]);
    expect(podNames(store)).toEqual(["web-0"]);
    expect(claimNames(store)).toEqual(["data-web-0", "data-web-1", "data-web-2"]);
    edit(store, (spec) => { spec.replicas = 2; });
    await ready(store, 2);
    const web1 = store.get(R.pods, "default", "web-1") as Obj;
    expect(web1.spec.volumes[0].persistentVolumeClaim.claimName).toBe("data-web-1");
    expect(messages(store).filter((m) => m.startsWith("create Claim data-web-1"))).toHaveLength(1);
  });

  it("rolls pods from the highest ordinal down, stops at the partition, then finishes when it is lowered", async () => {
    const store = createTestStore();
    ctl = startControllers(store, { tickMs: 10 });
    store.create(R.statefulsets, statefulSet("web", 3));
    const first = (await ready(store, 3)).status.currentRevision as string;
    const order: string[] = [];
    store.subscribe((e) => { if (e.type === "DELETED" && e.resource.plural === "pods") order.push(e.object.metadata.name); });
    edit(store, (spec) => { spec.updateStrategy = { type: "RollingUpdate", rollingUpdate: { partition: 1 } }; spec.template.spec.containers[0].image = "postgres:17"; });
    const partial = await waitFor(() => { const s = sts(store); return s.status.updatedReplicas === 2 && s.status.readyReplicas === 3 && s; }, 8000, "partitioned rollout");
    expect(order).toEqual(["web-2", "web-1"]);
    expect(partial.status).toMatchObject({ observedGeneration: 2, replicas: 3, currentReplicas: 1, updatedReplicas: 2, currentRevision: first });
    expect((store.get(R.pods, "default", "web-0") as Obj).spec.containers[0].image).toBe("postgres:16");
    edit(store, (spec) => { spec.updateStrategy.rollingUpdate.partition = 0; });
    const done = await ready(store, 3);
    expect(order).toEqual(["web-2", "web-1", "web-0"]);
    expect(done.status.currentRevision).not.toBe(first);
    expect(done.status).toMatchObject({ currentReplicas: 3, updatedReplicas: 3 });
    expect(podsIn(store).every((p) => (p.spec as Obj).containers[0].image === "postgres:17")).toBe(true);
    expect(store.list(R.controllerrevisions, "default").map((r) => r.revision).sort()).toEqual([1, 2]);
  });

  it("OnDelete replaces a pod only when it is deleted", async () => {
    const store = createTestStore();
    ctl = startControllers(store, { tickMs: 10 });
    store.create(R.statefulsets, statefulSet("web", 2, { updateStrategy: { type: "OnDelete" } }));
    await ready(store, 2);
    edit(store, (spec) => { spec.template.spec.containers[0].image = "postgres:17"; });
    await waitFor(() => sts(store).status.observedGeneration === 2, 2000, "observed");
    await new Promise((r) => setTimeout(r, 200));
    expect(podsIn(store).map((p) => (p.spec as Obj).containers[0].image)).toEqual(["postgres:16", "postgres:16"]);
    store.delete(R.pods, "default", "web-1");
    await waitFor(() => { const s = sts(store); return s.status.updatedReplicas === 1 && s.status.readyReplicas === 2 && s; }, 4000, "web-1 replaced");
    expect((store.get(R.pods, "default", "web-1") as Obj).spec.containers[0].image).toBe("postgres:17");
    expect((store.get(R.pods, "default", "web-0") as Obj).spec.containers[0].image).toBe("postgres:16");
  });

  it("deleting the set takes its pods and leaves the claims; whenDeleted: Delete makes the claims go with it", async () => {
    const store = createTestStore();
    ctl = startControllers(store, { tickMs: 10 });
    store.create(R.statefulsets, statefulSet("web", 1));
    store.create(R.statefulsets, statefulSet("db", 1, { persistentVolumeClaimRetentionPolicy: { whenDeleted: "Delete", whenScaled: "Retain" } }));
    await ready(store, 1);
    await ready(store, 1, "db");
    const dbClaim = store.get(R.pvcs, "default", "data-db-0") as Obj;
    expect(dbClaim.metadata.ownerReferences).toEqual([{ apiVersion: "apps/v1", kind: "StatefulSet", name: "db", uid: sts(store, "db").metadata.uid }]);
    store.delete(R.statefulsets, "default", "web");
    store.delete(R.statefulsets, "default", "db");
    await waitFor(() => podsIn(store).length === 0, 2000, "pods gone");
    expect(claimNames(store)).toEqual(["data-web-0"]);
  });

  it("whenScaled: Delete removes the claims of the pods a scale-down removes", async () => {
    const store = createTestStore();
    ctl = startControllers(store, { tickMs: 10 });
    store.create(R.statefulsets, statefulSet("web", 2, { persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Delete" } }));
    await ready(store, 2);
    edit(store, (spec) => { spec.replicas = 1; });
    await ready(store, 1);
    expect(claimNames(store)).toEqual(["data-web-0"]);
  });

  it("recreates a pod whose containers finished", async () => {
    const store = createTestStore();
    ctl = startControllers(store, { tickMs: 10 });
    store.create(R.statefulsets, statefulSet("web", 1));
    await ready(store, 1);
    const pod = store.get(R.pods, "default", "web-0")!;
    const uid = pod.metadata.uid;
    store.update(R.pods, { ...pod, status: { ...(pod.status as Obj), phase: "Failed" } });
    await waitFor(() => { const p = store.get(R.pods, "default", "web-0"); return p && p.metadata.uid !== uid; }, 2000, "a new web-0");
    expect(messages(store)).toContain("StatefulSet default/web is recreating failed Pod web-0");
  });
});
