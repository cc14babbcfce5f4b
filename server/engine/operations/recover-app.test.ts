import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { getAppDrift } from "@/server/engine/drift/app-drift";
import path from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { startEngine, stopEngine } from "@/server/engine/engine";
import { setCluster } from "@/server/kube/cluster";
import { createApp } from "@/server/engine/model/create-app";
import { createProject } from "@/server/engine/model/create-project";
import { getApp } from "@/server/engine/model/get-app";
import { updateApp } from "@/server/engine/model/update-app";
import { listRevisions } from "@/server/engine/revisions";
import { deployApp } from "@/server/engine/operations/deploy-app";
import { reapplyApp } from "@/server/engine/operations/reapply-app";
import { waitForOperation } from "@/server/engine/operations/wait-for-operation";
import { openEngineFixture, type EngineFixture } from "@/server/engine/test/engine-fixture";
import { testActing } from "@/server/auth/testing/auth-fixtures";

const by = testActing();

let fx: EngineFixture;
beforeAll(async () => {
  fx = await openEngineFixture();
  await createProject(by, { name: "ops" });
  await createApp(by, "ops", { name: "api", image: "nginx:1.27", port: 80 });
});
afterAll(() => fx.close());

const latestRevision = async () => (await listRevisions("ops", "api"))[0];

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("operations that meet trouble", () => {
  it("a deploy that meets 503s completes once the API recovers, after more than one attempt", async () => {
    fx.cluster.sim.faults.failNext(3, { status: 503, retryAfterSeconds: 0 });
    const { operation } = await deployApp(by, { project: "ops", app: "api" });
    const done = await waitForOperation(operation.id, 20_000);
    expect(done.status).toBe("succeeded");
    expect(done.attempts).toBeGreaterThan(1);
    expect((await latestRevision()).outcome).toBe("succeeded");
  });

  it("resumes a deploy interrupted by Berth stopping, in a new engine on the same database", async () => {
    const current = await getApp("ops", "api");
    await updateApp(by, "ops", "api", { ...current.spec, image: "nginx:1.28" });
    fx.cluster.sim.faults.setLatency(400);
    const { operation } = await deployApp(by, { project: "ops", app: "api" });
    await waitUntil(async () => (await getDb().operation.findUniqueOrThrow({ where: { id: operation.id } })).status === "running");
    await stopEngine();
    fx.cluster.sim.faults.setLatency(0);
    const interrupted = await getDb().operation.findUniqueOrThrow({ where: { id: operation.id } });
    expect(interrupted.status).toBe("running");
    expect((await latestRevision()).outcome).toBe("pending");

    await fx.start();
    const done = await waitForOperation(operation.id, 20_000);
    expect(done.status).toBe("succeeded");
    expect(done.attempts).toBe(2);
    expect(await latestRevision()).toMatchObject({ outcome: "succeeded", spec: expect.objectContaining({ image: "nginx:1.28" }) });
  });

  it("reports a change by another field manager as a failed deploy naming it, and shows drift", async () => {
    const patched = await fetch(`${fx.cluster.sim.httpUrl}/apis/apps/v1/namespaces/ops/deployments/api?fieldManager=kubectl-edit`, {
      method: "PATCH",
      headers: { "content-type": "application/strategic-merge-patch+json", authorization: `Bearer ${fx.cluster.sim.adminToken}` },
      body: JSON.stringify({ spec: { template: { spec: { containers: [{ name: "api", image: "nginx:hotfix" }] } } } }),
    });
    expect(patched.status).toBe(200);

    const drift = await getAppDrift("ops", "api");
    expect(drift.drifted).toBe(true);
    expect(drift.objects[0].fields[0]).toMatchObject({ path: ".spec.template.spec.containers[name=api].image", actual: "nginx:hotfix", manager: "kubectl-edit" });

    const current = await getApp("ops", "api");
    await updateApp(by, "ops", "api", { ...current.spec, image: "nginx:1.29" });
    const { operation } = await deployApp(by, { project: "ops", app: "api" });
    const done = await waitForOperation(operation.id, 15_000);
    expect(done).toMatchObject({ status: "failed", attempts: 1, error: expect.stringContaining('"kubectl-edit" owns') });
    expect(await latestRevision()).toMatchObject({ outcome: "failed", message: expect.stringContaining("kubectl-edit") });
  });

  it("a deploy the API forbids (403) is not retried and its revision says why", async () => {
    await stopEngine();
    const file = path.join(fx.cluster.dir, "viewer.yaml");
    await fx.cluster.sim.writeKubeconfig(file, { readOnly: true });
    const viewer = new KubeConfig();
    viewer.loadFromFile(file);
    setCluster({ source: "kubeconfig", origin: file, kubeConfig: viewer, isSimulated: true });
    await startEngine({ stuckGraceMs: 400, rolloutTimeoutMs: 15_000, pollMs: 200 });
    try {
      const { operation } = await deployApp(by, { project: "ops", app: "api" });
      const done = await waitForOperation(operation.id, 15_000);
      expect(done).toMatchObject({ status: "failed", attempts: 1, error: expect.stringMatching(/forbidden/i) });
      expect(await latestRevision()).toMatchObject({ outcome: "failed", message: expect.stringMatching(/forbidden/i) });
    } finally {
      await stopEngine();
      await fx.start();
    }
  });

  it("re-apply takes Berth's values back and the drift clears", async () => {
    const { operation } = await reapplyApp(by, { project: "ops", app: "api" });
    expect((await waitForOperation(operation.id, 15_000)).status).toBe("succeeded");
    expect(await getAppDrift("ops", "api")).toMatchObject({ drifted: false });
  });
});
