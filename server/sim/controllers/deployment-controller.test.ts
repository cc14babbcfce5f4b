import { afterEach, describe, expect, it } from "vitest";
import type { KubeObject, SimController } from "@/server/sim/contract";
import { isPodReady } from "@/server/sim/controllers/replicaset-controller";
import { R } from "@/server/sim/controllers/resources";
import { startControllers } from "@/server/sim/controllers/start-controllers";
import { createTestStore } from "@/server/sim/controllers/test-store";
import { deployment, podsIn, waitFor } from "@/server/sim/controllers/test-helpers";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
let ctl: SimController | undefined;
afterEach(() => ctl?.stop());

const cond = (d: Obj | undefined, type: string) => (d?.status?.conditions ?? []).find((c: Obj) => c.type === type);

describe("deployment controller", () => {
  it("creates a ReplicaSet named by pod-template-hash and brings pods to Running with a complete rollout", async () => {
    const store = createTestStore();
    ctl = startControllers(store, { tickMs: 10 });
    store.create(R.deployments, deployment("web", "nginx:1.27", 3));
    const d = await waitFor(() => { const d = store.get(R.deployments, "default", "web") as Obj; return cond(d, "Progressing")?.reason === "NewReplicaSetAvailable" && d; }, 5000, "rollout");
    const [rs] = store.list(R.replicasets, "default");
    expect(rs.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
    expect(rs.metadata.labels?.["pod-template-hash"]).toBe(rs.metadata.name.slice(4));
    expect(rs.metadata.annotations).toMatchObject({ "deployment.kubernetes.io/revision": "1", "deployment.kubernetes.io/desired-replicas": "3", "deployment.kubernetes.io/max-replicas": "4" });
    expect(rs.metadata.ownerReferences?.[0]).toMatchObject({ kind: "Deployment", name: "web", controller: true });
    expect(d.status).toMatchObject({ replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
    expect(cond(d, "Progressing").message).toBe(`ReplicaSet "${rs.metadata.name}" has successfully progressed.`);
    expect(cond(d, "Available")).toMatchObject({ status: "True", reason: "MinimumReplicasAvailable" });
    const pod = podsIn(store)[0] as Obj;
    expect(pod.metadata.name).toMatch(new RegExp(`^${rs.metadata.name}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    expect(pod.status.phase).toBe("Running");
    expect(pod.status.containerStatuses[0]).toMatchObject({ ready: true, started: true, restartCount: 0, image: "docker.io/library/nginx:1.27" });
    expect(pod.status.containerStatuses[0].containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(pod.spec.nodeName).toBe("sim-node-1");
    const reasons = store.list(R.events, "default").filter((e) => (e.involvedObject as Obj).name === pod.metadata.name).map((e) => e.reason);
    expect(reasons).toEqual(expect.arrayContaining(["Scheduled", "Pulling", "Pulled", "Created", "Started"]));
  });

  it("RollingUpdate never drops below replicas - maxUnavailable ready pods and keeps the old ReplicaSet at 0", async () => {
    const store = createTestStore();
    ctl = startControllers(store, { tickMs: 10 });
    store.create(R.deployments, deployment("web", "nginx:1.27", 4, { strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } } }));
    await waitFor(() => (store.get(R.deployments, "default", "web")?.status as Obj)?.availableReplicas === 4, 5000, "first rollout");
    let minReady = Infinity;
    let maxPods = 0;
    const off = store.subscribe(() => {
      const pods = podsIn(store);
      minReady = Math.min(minReady, pods.filter(isPodReady).length);
      maxPods = Math.max(maxPods, pods.length);
    });
    const d = store.get(R.deployments, "default", "web") as Obj;
    d.spec.template.spec.containers[0].image = "nginx:1.28";
    store.update(R.deployments, d as KubeObject);
    await waitFor(() => { const x = store.get(R.deployments, "default", "web") as Obj; return x.metadata.annotations?.["deployment.kubernetes.io/revision"] === "2" && cond(x, "Progressing")?.reason === "NewReplicaSetAvailable" && x.status.replicas === 4; }, 8000, "second rollout");
    off();
    expect(minReady).toBeGreaterThanOrEqual(3);
    expect(maxPods).toBeLessThanOrEqual(5);
    const rss = store.list(R.replicasets, "default").map((r) => [(r.spec as Obj).replicas, r.metadata.annotations?.["deployment.kubernetes.io/revision"]]);
    expect(rss.sort()).toEqual([[0, "1"], [4, "2"]]);
    expect(podsIn(store).every((p) => (p.spec as Obj).containers[0].image === "nginx:1.28")).toBe(true);
  });

  it("Recreate removes every old pod before a new one is created", async () => {
    const store = createTestStore();
    ctl = startControllers(store, { tickMs: 10 });
    store.create(R.deployments, deployment("db", "postgres:16", 2, { strategy: { type: "Recreate" } }));
    await waitFor(() => (store.get(R.deployments, "default", "db")?.status as Obj)?.availableReplicas === 2, 5000, "first rollout");
    let overlap = false;
    const off = store.subscribe((e) => {
      if (e.type !== "ADDED" || e.resource.plural !== "pods") return;
      if (podsIn(store).some((p) => (p.spec as Obj).containers[0].image === "postgres:16")) overlap = true;
    });
    const d = store.get(R.deployments, "default", "db") as Obj;
    d.spec.template.spec.containers[0].image = "postgres:17";
    store.update(R.deployments, d as KubeObject);
    await waitFor(() => { const x = store.get(R.deployments, "default", "db") as Obj; return x.metadata.annotations?.["deployment.kubernetes.io/revision"] === "2" && x.status.updatedReplicas === 2 && x.status.availableReplicas === 2 && x.status.replicas === 2; }, 5000, "recreate");
    off();
    expect(overlap).toBe(false);
    expect(podsIn(store).map((p) => (p.spec as Obj).containers[0].image)).toEqual(["postgres:17", "postgres:17"]);
  });

  it("reports ProgressDeadlineExceeded when new pods never become available", async () => {
    const store = createTestStore();
    ctl = startControllers(store, { tickMs: 10 });
    store.create(R.deployments, deployment("bad", "nginx:notfound", 1, { progressDeadlineSeconds: 1 }));
    const d = await waitFor(() => { const d = store.get(R.deployments, "default", "bad") as Obj; return cond(d, "Progressing")?.status === "False" && d; }, 6000, "deadline");
    const rs = store.list(R.replicasets, "default")[0];
    expect(cond(d, "Progressing")).toMatchObject({ reason: "ProgressDeadlineExceeded", message: `ReplicaSet "${rs.metadata.name}" has timed out progressing.` });
    expect(cond(d, "Available")).toMatchObject({ status: "False", reason: "MinimumReplicasUnavailable" });
  });

  it("scales, and deleting the Deployment removes its ReplicaSets and pods", async () => {
    const store = createTestStore();
    ctl = startControllers(store, { tickMs: 10 });
    store.create(R.deployments, deployment("web", "nginx:1.27", 1));
    await waitFor(() => podsIn(store).length === 1, 3000, "one pod");
    const d = store.get(R.deployments, "default", "web") as Obj;
    d.spec.replicas = 3;
    store.update(R.deployments, d as KubeObject);
    await waitFor(() => (store.get(R.deployments, "default", "web")?.status as Obj)?.readyReplicas === 3, 3000, "scaled");
    store.delete(R.deployments, "default", "web", { propagationPolicy: "Background" });
    expect(store.list(R.replicasets, "default")).toHaveLength(0);
    expect(podsIn(store)).toHaveLength(0);
  });
});
