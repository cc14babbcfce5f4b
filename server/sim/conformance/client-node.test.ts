import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as k8s from "@kubernetes/client-node";
import { startSim, type Sim } from "@/server/sim/start-sim";

let sim: Sim;
let dir: string;
let kc: k8s.KubeConfig;

beforeAll(async () => {
  sim = await startSim({ port: 0, controllerOptions: { tickMs: 10 } });
  dir = await mkdtemp(path.join(tmpdir(), "sim-cn-"));
  await sim.writeKubeconfig(path.join(dir, "kubeconfig"));
  kc = new k8s.KubeConfig();
  kc.loadFromFile(path.join(dir, "kubeconfig"));
});
afterAll(async () => {
  await sim.stop();
  await rm(dir, { recursive: true, force: true });
});

const manifest = (replicas: number) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "cn", namespace: "default" },
  spec: {
    replicas,
    selector: { matchLabels: { app: "cn" } },
    template: { metadata: { labels: { app: "cn" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } },
  },
});

describe("@kubernetes/client-node against the simulator", () => {
  it("server-side applies through the generic client and reads the result back", async () => {
    const client = k8s.KubernetesObjectApi.makeApiClient(kc);
    const applied = await client.patch(manifest(2), undefined, undefined, "berth", true, k8s.PatchStrategy.ServerSideApply);
    expect((applied.metadata as k8s.V1ObjectMeta | undefined)?.managedFields?.[0]).toMatchObject({ manager: "berth", operation: "Apply" });
    const apps = kc.makeApiClient(k8s.AppsV1Api);
    const read = await apps.readNamespacedDeployment({ name: "cn", namespace: "default" });
    expect(read.spec?.replicas).toBe(2);
    const err = await client.patch(manifest(4), undefined, undefined, "other", false, k8s.PatchStrategy.ServerSideApply).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(k8s.ApiException);
    expect((err as k8s.ApiException<string>).code).toBe(409);
    expect(JSON.parse((err as k8s.ApiException<string>).body).message).toBe('Apply failed with 1 conflict: conflict with "berth": .spec.replicas');
  });

  it("lists pods the controllers created, with a label selector", async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    let pods: k8s.V1Pod[] = [];
    for (let i = 0; i < 100 && pods.filter((p) => p.status?.phase === "Running").length < 2; i++) {
      pods = (await core.listNamespacedPod({ namespace: "default", labelSelector: "app=cn" })).items;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(pods.filter((p) => p.status?.phase === "Running")).toHaveLength(2);
    expect(pods[0].metadata?.ownerReferences?.[0].kind).toBe("ReplicaSet");
  });

  it("streams events through the Watch class", async () => {
    const watch = new k8s.Watch(kc);
    const seen: string[] = [];
    let req: AbortController | undefined;
    const done = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no DELETED event within 5s")), 5000);
      void watch
        .watch("/api/v1/namespaces/default/configmaps", {}, (type, obj: k8s.V1ConfigMap) => {
          seen.push(`${type} ${obj.metadata?.name}`);
          if (type === "DELETED") {
            clearTimeout(timer);
            resolve();
          }
        }, (err) => err && reject(err))
        .then((r) => (req = r));
    });
    const core = kc.makeApiClient(k8s.CoreV1Api);
    await new Promise((r) => setTimeout(r, 200));
    await core.createNamespacedConfigMap({ namespace: "default", body: { metadata: { name: "watched" }, data: { a: "1" } } });
    await core.patchNamespacedConfigMap({ namespace: "default", name: "watched", body: { data: { a: "2" } } }, k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch));
    await core.deleteNamespacedConfigMap({ namespace: "default", name: "watched" });
    await done;
    req?.abort();
    expect(seen.filter((s) => s.endsWith(" watched"))).toEqual(["ADDED watched", "MODIFIED watched", "DELETED watched"]);
  });
});

describe("client-node informer over faults", () => {
  it("keeps its cache right across dropped watches and a compacted history", async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const path = "/api/v1/namespaces/default/secrets";
    const informer = k8s.makeInformer(kc, path, () => core.listNamespacedSecret({ namespace: "default" }));
    const added: string[] = [];
    informer.on(k8s.ADD, (s: k8s.V1Secret) => added.push(s.metadata!.name!));
    informer.on(k8s.ERROR, () => setTimeout(() => void informer.start(), 50));
    await informer.start();
    const waitFor = async (name: string) => {
      for (let i = 0; i < 100 && !added.includes(name); i++) await new Promise((r) => setTimeout(r, 50));
      expect(added).toContain(name);
    };
    try {
      await core.createNamespacedSecret({ namespace: "default", body: { metadata: { name: "before" } } });
      await waitFor("before");
      sim.faults.dropWatches();
      await core.createNamespacedSecret({ namespace: "default", body: { metadata: { name: "after-drop" } } });
      await waitFor("after-drop");
      sim.faults.compactHistory();
      sim.faults.dropWatches();
      await core.createNamespacedSecret({ namespace: "default", body: { metadata: { name: "after-compact" } } });
      await waitFor("after-compact");
      expect(informer.list().map((s) => s.metadata?.name).sort()).toEqual(["after-compact", "after-drop", "before"]);
    } finally {
      await informer.stop();
    }
  });
});
