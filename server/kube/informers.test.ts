import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyObject } from "@/server/kube/apply-object";
import { getInformer, stopInformers, type InformerEvent } from "@/server/kube/informers";
import { startSimCluster, type SimCluster } from "@/server/sim/testing/sim-cluster";

let cluster: SimCluster;
beforeAll(async () => {
  cluster = await startSimCluster();
});
afterAll(async () => {
  await stopInformers();
  await cluster.stop();
});

const managed = { "app.kubernetes.io/managed-by": "berth" };
const service = (name: string, labels: Record<string, string> = managed) => ({
  apiVersion: "v1",
  kind: "Service",
  metadata: { name, namespace: "default", labels },
  spec: { ports: [{ port: 80 }] },
});

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("shared informers", () => {
  it("keeps one informer per kind, caching only Berth's objects", async () => {
    await applyObject(cluster.kubeConfig, service("mine"));
    await applyObject(cluster.kubeConfig, service("theirs", {}));
    const informer = getInformer("Service", cluster.kubeConfig);
    expect(getInformer("Service", cluster.kubeConfig)).toBe(informer);
    await informer.waitForSync(5000);
    expect(informer.list("default").map((s) => s.metadata.name)).toEqual(["mine"]);
  });

  it("keeps no managedFields, and tells a namespace's changes by its version", async () => {
    const informer = getInformer("Service", cluster.kubeConfig);
    await informer.waitForSync(5000);
    await applyObject(cluster.kubeConfig, service("versioned"));
    await waitUntil(() => informer.get("versioned", "default") !== undefined);
    expect(informer.get("versioned", "default")?.metadata.managedFields).toBeUndefined();

    const before = informer.version("default");
    const elsewhere = informer.version("other");
    expect(informer.version("default")).toBe(before);
    await applyObject(cluster.kubeConfig, { ...service("versioned"), spec: { ports: [{ port: 8080 }] } });
    await waitUntil(() => informer.version("default") !== before);
    expect(informer.version("other")).toBe(elsewhere);
  });

  it("recovers from a failed list with backoff, then streams changes", async () => {
    cluster.sim.faults.failNext(2, { status: 503 });
    const informer = getInformer("Ingress", cluster.kubeConfig);
    await informer.waitForSync(10_000);
    const events: InformerEvent[] = [];
    informer.subscribe((e) => events.push(e));
    await applyObject(cluster.kubeConfig, {
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: { name: "site", namespace: "default", labels: managed },
      spec: { rules: [{ host: "a.example.com" }] },
    });
    await waitUntil(() => events.some((e) => e.type === "add" && e.object.metadata.name === "site"));
    expect(informer.get("site", "default")?.kind).toBe("Ingress");
  });

  it("reconnects after the API server drops its watches and keeps the cache current", async () => {
    const informer = getInformer("Service", cluster.kubeConfig);
    await informer.waitForSync(5000);
    cluster.sim.faults.dropWatches();
    await new Promise((r) => setTimeout(r, 200));
    await applyObject(cluster.kubeConfig, service("after-drop"));
    await waitUntil(() => informer.get("after-drop", "default") !== undefined);
  });
});
