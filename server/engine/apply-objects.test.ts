import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appSpecSchema, type AppSpecInput } from "@/lib/schemas/app";
import { applyObjects } from "@/server/engine/apply-objects";
import { listAppObjects, pruneApp } from "@/server/engine/prune-app";
import { renderApp } from "@/server/engine/render/render-app";
import { trackRollout } from "@/server/engine/track-rollout";
import { findDrift } from "@/server/engine/drift/find-drift";
import { readObject } from "@/server/kube/read-object";
import { refOf, type KubeObject } from "@/server/kube/kube-object";
import { stopInformers } from "@/server/kube/informers";
import { startSimCluster, type SimCluster } from "@/server/sim/testing/sim-cluster";

let cluster: SimCluster;
beforeAll(async () => {
  cluster = await startSimCluster();
});
afterAll(async () => {
  await stopInformers();
  await cluster.stop();
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}

const render = (input: AppSpecInput) => renderApp(appSpecSchema.parse(input), { name: "shop" }) as unknown as KubeObject[];
const base: AppSpecInput = {
  name: "web",
  image: "nginx:1.27",
  port: 80,
  hostnames: [{ host: "shop.example.com" }],
  volumes: [{ name: "data", size: "1Gi", mountPath: "/data" }],
  secretEnv: [{ name: "TOKEN", value: "s3cret" }],
};

describe("apply, track, prune against the simulated cluster", () => {
  it("applies every object in order and the rollout succeeds", async () => {
    const live = await applyObjects(cluster.kubeConfig, render(base));
    expect(live.map((o) => o.kind)).toEqual(["Namespace", "Secret", "PersistentVolumeClaim", "Deployment", "Service", "Ingress"]);
    const deployment = live.find((o) => o.kind === "Deployment")!;
    const verdict = await trackRollout(cluster.kubeConfig, { namespace: "shop", app: "web", minGeneration: deployment.metadata.generation ?? 1, stuckGraceMs: 500, timeoutMs: 15_000 });
    expect(verdict.state).toBe("succeeded");
    const objects = await listAppObjects(cluster.kubeConfig, "shop", "web");
    expect(objects.map((o) => o.kind).sort()).toEqual(["Deployment", "Ingress", "PersistentVolumeClaim", "Secret", "Service"]);
  });

  it("fails a rollout of an image that does not exist, with the explanation", async () => {
    const live = await applyObjects(cluster.kubeConfig, render({ ...base, image: "nginx:notfound" }));
    const deployment = live.find((o) => o.kind === "Deployment")!;
    const verdict = await trackRollout(cluster.kubeConfig, { namespace: "shop", app: "web", minGeneration: deployment.metadata.generation ?? 1, stuckGraceMs: 300, timeoutMs: 15_000 });
    expect(verdict).toMatchObject({ state: "failed", message: expect.stringContaining("nginx:notfound could not be pulled") });
  });

  it("fails a rollout whose container keeps crashing, with the explanation", async () => {
    const live = await applyObjects(cluster.kubeConfig, render({ ...base, image: "nginx:crashloop" }));
    const deployment = live.find((o) => o.kind === "Deployment")!;
    const verdict = await trackRollout(cluster.kubeConfig, { namespace: "shop", app: "web", minGeneration: deployment.metadata.generation ?? 1, stuckGraceMs: 300, settleMs: 2000, timeoutMs: 15_000 });
    expect(verdict).toMatchObject({ state: "failed", message: expect.stringMatching(/keeps crashing|exited with code 1/) });
  });

  it("prunes the Ingress when the hostname goes, and keeps the PVC when the volume goes", async () => {
    const next = render({ ...base, hostnames: [], volumes: [] });
    await applyObjects(cluster.kubeConfig, next);
    const deleted = await pruneApp(cluster.kubeConfig, { project: "shop", app: "web", keep: next });
    expect(deleted).toEqual(["Ingress shop/web"]);
    const kinds = (await listAppObjects(cluster.kubeConfig, "shop", "web")).map((o) => o.kind).sort();
    expect(kinds).toEqual(["Deployment", "PersistentVolumeClaim", "Secret", "Service"]);
    expect(await pruneApp(cluster.kubeConfig, { project: "shop", app: "web", keep: next }, { deleteData: true })).toEqual(["PersistentVolumeClaim shop/web-data"]);
    // The claim goes (or is Terminating until no pod uses it: pvc-protection).
    await waitFor(async () => (await listAppObjects(cluster.kubeConfig, "shop", "web")).every((o) => o.kind !== "PersistentVolumeClaim" || o.metadata.deletionTimestamp));
  });

  it("reports a change by another field manager as a conflict naming it, and force restores Berth's value", async () => {
    const objects = render(base);
    await applyObjects(cluster.kubeConfig, objects);
    const response = await fetch(`${cluster.sim.httpUrl}/apis/apps/v1/namespaces/shop/deployments/web?fieldManager=kubectl-edit`, {
      method: "PATCH",
      headers: { "content-type": "application/strategic-merge-patch+json", authorization: `Bearer ${cluster.sim.adminToken}` },
      body: JSON.stringify({ spec: { template: { spec: { containers: [{ name: "web", image: "nginx:hacked" }] } } } }),
    });
    expect(response.status).toBe(200);
    const deployment = objects.find((o) => o.kind === "Deployment")!;
    const drift = findDrift(deployment, await readObject(cluster.kubeConfig, refOf(deployment)));
    expect(drift?.fields).toEqual([expect.objectContaining({ path: ".spec.template.spec.containers[name=web].image", actual: "nginx:hacked" })]);

    await expect(applyObjects(cluster.kubeConfig, objects)).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining('"kubectl-edit" owns') });
    await applyObjects(cluster.kubeConfig, objects, { force: true });
    expect(findDrift(deployment, await readObject(cluster.kubeConfig, refOf(deployment)))).toBeUndefined();
  });
});
