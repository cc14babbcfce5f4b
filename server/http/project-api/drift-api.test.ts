import path from "node:path";
import type { Deployment } from "kubernetes-types/apps/v1";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as adopt from "@/app/api/projects/[project]/apps/[app]/adopt/route";
import * as reapply from "@/app/api/projects/[project]/apps/[app]/reapply/route";
import * as status from "@/app/api/projects/[project]/apps/[app]/status/route";
import type { AppStatus } from "@/lib/dto/app-status";
import { seedToken, testActing } from "@/server/auth/testing/auth-fixtures";
import { getDb } from "@/server/db/client";
import { createApp } from "@/server/engine/model/create-app";
import { createProject } from "@/server/engine/model/create-project";
import { getApp } from "@/server/engine/model/get-app";
import { deployApp } from "@/server/engine/operations/deploy-app";
import { waitForOperation } from "@/server/engine/operations/wait-for-operation";
import { openEngineFixture, type EngineFixture } from "@/server/engine/test/engine-fixture";
import { callJson } from "@/server/http/testing/route-request";
import { readObject } from "@/server/kube/read-object";
import { runKubectl } from "@/server/sim/conformance/run-kubectl";

/**
 * Drift end to end: the real kubectl changes an app Berth deployed, the status says what is true
 * (healthy, the live count, who changed it), and Re-apply and Adopt each end the drift — through
 * the routes, as the app page calls them.
 */
let fx: EngineFixture;
let admin: string;
let viewer: string;
const params = { project: "drift", app: "web" };
const base = "/api/projects/drift/apps/web";

const kubectl = (...args: string[]) => runKubectl(path.join(fx.cluster.dir, "kubeconfig.yaml"), fx.cluster.dir, ["-n", "drift", ...args]);

async function readStatus(): Promise<AppStatus> {
  const res = await callJson(status.GET, `${base}/status`, { params, bearer: admin });
  expect(res.status).toBe(200);
  return res.body as AppStatus;
}

/** Polls the status route until `ok` holds (bounded), as the live page would see it change. */
async function statusWhere(ok: (s: AppStatus) => boolean, what: string, timeoutMs = 20_000): Promise<AppStatus> {
  const deadline = Date.now() + timeoutMs;
  let last: AppStatus | undefined;
  while (Date.now() < deadline) {
    last = await readStatus();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`the status never showed ${what}; last: ${JSON.stringify({ health: last?.health, replicas: last?.replicas, drift: last?.drift })}`);
}

/** The Deployment as the API server has it now (not the informer's copy). */
async function liveReplicas(): Promise<number | undefined> {
  const live = (await readObject(fx.cluster.kubeConfig, { apiVersion: "apps/v1", kind: "Deployment", namespace: "drift", name: "web" })) as unknown as Deployment | undefined;
  return live?.spec?.replicas;
}

async function post(handler: typeof adopt.POST, verb: string, body?: unknown, bearer = admin) {
  return callJson(handler, `${base}/${verb}?wait=true`, { method: "POST", params, body, bearer });
}

beforeAll(async () => {
  fx = await openEngineFixture();
  admin = (await seedToken({ role: "admin" })).token;
  viewer = (await seedToken({ role: "viewer", userName: "vera" })).token;
  await createProject(testActing(), { name: "drift" });
  await createApp(testActing(), "drift", { name: "web", image: "nginx:1.27", port: 80, env: [{ name: "LOG", value: "info" }] });
  const { operation } = await deployApp(testActing(), params);
  expect((await waitForOperation(operation.id, 20_000)).status).toBe("succeeded");
  await statusWhere((s) => s.health === "Healthy", "Healthy after the first deploy");
}, 60_000);
afterAll(() => fx.close());

describe("an app changed outside Berth", () => {
  it("after kubectl scale it reads healthy with 2 running, changed by kubectl scale — not a rollout under way", async () => {
    expect((await kubectl("scale", "deploy/web", "--replicas=2")).code).toBe(0);
    const s = await statusWhere((st) => st.replicas.ready === 2 && st.health === "Healthy", "Healthy with 2 ready");
    expect(s.replicas).toMatchObject({ desired: 2, ready: 2, available: 2 });
    expect(s.explanation).toBeUndefined();
    expect(s.drift?.fields).toEqual([{ field: "replicas", berth: "1", live: "2", changedBy: ["kubectl scale"] }]);
    expect(s.drift?.sentence).toMatch(/^Changed outside Berth by kubectl scale: replicas is 2, Berth's spec says 1\./);
  });

  it("a viewer may neither re-apply nor adopt, and nothing changes", async () => {
    const revisions = await getDb().revision.count();
    expect((await post(reapply.POST, "reapply", undefined, viewer)).status).toBe(403);
    expect((await post(adopt.POST, "adopt", {}, viewer)).status).toBe(403);
    expect(await getDb().revision.count()).toBe(revisions);
    expect(await liveReplicas()).toBe(2);
  });

  it("Re-apply restores Berth's 1 replica, audited, and the notice goes", async () => {
    const res = await post(reapply.POST, "reapply");
    expect(res.status).toBe(200);
    expect(res.body.operation).toMatchObject({ kind: "reapply", status: "succeeded" });
    expect(await liveReplicas()).toBe(1);
    const s = await statusWhere((st) => st.drift === undefined && st.health === "Healthy" && st.replicas.ready === 1, "Healthy with 1 ready and no drift");
    expect(s.replicas.desired).toBe(1);
    expect((await getApp("drift", "web")).spec.replicas).toBe(1);
    expect(await getDb().auditEvent.findFirst({ where: { action: "app.reapply", target: "drift/web" } })).not.toBeNull();
  });

  it("Adopt takes the live 2 into the spec, deploys it, and the notice goes", async () => {
    expect((await kubectl("scale", "deploy/web", "--replicas=2")).code).toBe(0);
    await statusWhere((st) => st.drift !== undefined, "the drift notice");
    const res = await post(adopt.POST, "adopt", {});
    expect(res.status).toBe(200);
    expect(res.body.operation).toMatchObject({ kind: "adopt", status: "succeeded" });
    expect((await getApp("drift", "web")).spec.replicas).toBe(2);
    const s = await statusWhere((st) => st.drift === undefined && st.health === "Healthy" && st.replicas.ready === 2, "Healthy with 2 ready and no drift");
    expect(s.replicas.desired).toBe(2);
    const audit = await getDb().auditEvent.findFirst({ where: { action: "app.adopt", target: "drift/web" } });
    expect(JSON.parse(audit?.detail ?? "{}")).toMatchObject({ fields: ["replicas"], replicas: 2 });
    // The spec now says what runs: nothing is left to adopt.
    expect((await post(adopt.POST, "adopt", {})).status).toBe(409);
  });

  it("names kubectl set for image, env and resources, and adopts only the fields asked for", { timeout: 40_000 }, async () => {
    expect((await kubectl("set", "image", "deploy/web", "web=nginx:1.28")).code).toBe(0);
    expect((await kubectl("set", "env", "deploy/web", "LOG=debug")).code).toBe(0);
    expect((await kubectl("set", "resources", "deploy/web", "--requests=cpu=250m")).code).toBe(0);
    const s = await statusWhere((st) => (st.drift?.fields.length ?? 0) === 3, "three drifted fields", 10_000);
    expect(s.drift?.fields).toEqual([
      { field: "image", berth: "nginx:1.27", live: "nginx:1.28", changedBy: ["kubectl set"] },
      { field: "env", berth: "LOG=info", live: "LOG=debug", changedBy: ["kubectl set"] },
      { field: "resources", berth: "cpu request unset", live: "cpu request 250m", changedBy: ["kubectl set"] },
    ]);

    const res = await post(adopt.POST, "adopt", { fields: ["image", "env"] });
    expect(res.status).toBe(200);
    expect(res.body.operation.status).toBe("succeeded");
    const spec = (await getApp("drift", "web")).spec;
    expect(spec).toMatchObject({ image: "nginx:1.28", env: [{ name: "LOG", value: "debug" }] });
    expect(spec.resources).toBeUndefined();
    // The rest is Berth's again, even the CPU request the spec never set (a forced apply alone would leave it).
    await statusWhere((st) => st.drift === undefined && st.health === "Healthy", "no drift after the forced deploy");
    const container = ((await readObject(fx.cluster.kubeConfig, { apiVersion: "apps/v1", kind: "Deployment", namespace: "drift", name: "web" })) as unknown as Deployment).spec?.template.spec?.containers[0];
    expect(container).toMatchObject({ image: "nginx:1.28", env: [{ name: "LOG", value: "debug" }] });
    expect(container?.resources?.requests?.cpu).toBeUndefined();
  });

  it("refuses to adopt live values the spec cannot hold, with a sentence, and changes nothing", { timeout: 60_000 }, async () => {
    expect((await kubectl("scale", "deploy/web", "--replicas=51")).code).toBe(0);
    await statusWhere((st) => st.drift?.fields[0]?.live === "51", "51 replicas drifted");
    const revisions = await getDb().revision.count();
    const res = await post(adopt.POST, "adopt", { fields: ["replicas"] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/replicas must be between 0 \(stopped\) and 50.*re-apply/);
    expect(await getDb().revision.count()).toBe(revisions);
    expect((await getApp("drift", "web")).spec.replicas).toBe(2);
    expect((await post(adopt.POST, "adopt", { fields: [] })).status).toBe(400);
    expect((await post(reapply.POST, "reapply")).body.operation.status).toBe("succeeded");
    expect(await liveReplicas()).toBe(2);
  });

  it("Re-apply also removes what others added where the spec sets nothing", { timeout: 40_000 }, async () => {
    expect((await kubectl("set", "env", "deploy/web", "EXTRA=1")).code).toBe(0);
    const added = await statusWhere((st) => st.drift?.fields.some((f) => f.field === "env") === true, "the env drift");
    expect(added.drift?.fields).toEqual([{ field: "env", berth: "EXTRA unset", live: "EXTRA=1", changedBy: ["kubectl set"] }]);
    expect(added.drift?.sentence).toContain("Deploys still work");
    expect((await post(reapply.POST, "reapply")).body.operation.status).toBe("succeeded");
    await statusWhere((st) => st.drift === undefined, "no drift after re-apply");
    const live = (await readObject(fx.cluster.kubeConfig, { apiVersion: "apps/v1", kind: "Deployment", namespace: "drift", name: "web" })) as unknown as Deployment;
    expect(live.spec?.template.spec?.containers[0].env).toEqual([{ name: "LOG", value: "debug" }]);
  });
});
