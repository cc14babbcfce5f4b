import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as apps from "@/app/api/projects/[project]/apps/route";
import * as app from "@/app/api/projects/[project]/apps/[app]/route";
import * as deploy from "@/app/api/projects/[project]/apps/[app]/deploy/route";
import * as revisions from "@/app/api/projects/[project]/apps/[app]/revisions/route";
import * as operation from "@/app/api/projects/[project]/operations/[id]/route";
import { seedToken } from "@/server/auth/testing/auth-fixtures";
import { getDb } from "@/server/db/client";
import { openEngineFixture, type EngineFixture } from "@/server/engine/test/engine-fixture";
import { setCluster } from "@/server/kube/cluster";
import { readObject } from "@/server/kube/read-object";
import type { RouteHandler } from "@/server/http/with-auth";
import { callRoute, routeRequest } from "@/server/http/testing/route-request";

/**
 * A CI job's deploy end to end: `POST …/deploy {"image"}` sets the image and deploys it as one
 * revision against the simulated cluster, and `GET …/operations/:id` tells the job the outcome.
 */
let fx: EngineFixture;
let admin: string;
const params = { project: "ci", app: "web" };

beforeAll(async () => {
  fx = await openEngineFixture();
  setCluster({ source: "sim", origin: fx.cluster.dir, kubeConfig: fx.cluster.kubeConfig, isSimulated: true });
  admin = (await seedToken({ role: "admin" })).token;
  await call(projects.POST, "/api/projects", { method: "POST", body: { name: "ci" } });
  await call(apps.POST, "/api/projects/ci/apps", { method: "POST", params: { project: "ci" }, body: { name: "web", image: "nginx:1.26", port: 80 } });
}, 60_000);
afterAll(() => fx.close());

async function call(handler: RouteHandler, path: string, opts: { method?: string; body?: unknown; rawBody?: string; params?: Record<string, string> } = {}) {
  const res = await callRoute(handler, routeRequest(path, { method: opts.method, body: opts.body, rawBody: opts.rawBody, bearer: admin }), opts.params ?? {});
  return { status: res.status, body: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function specVersion(): Promise<number> {
  return (await call(app.GET, "/api/projects/ci/apps/web", { params })).body.specVersion;
}

async function pollUntilFinished(id: string) {
  for (let i = 0; i < 100; i++) {
    const polled = await call(operation.GET, `/api/projects/ci/operations/${id}`, { params: { project: "ci", id } });
    if (["succeeded", "failed", "superseded"].includes(polled.body.status)) return polled.body;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`operation ${id} never finished`);
}

describe("deploy with an image, as a CI job does", () => {
  it("sets the image and deploys it in one operation and one revision; polling the operation gives the outcome", async () => {
    const before = await specVersion();
    const queued = await call(deploy.POST, "/api/projects/ci/apps/web/deploy", { method: "POST", params, body: { image: "nginx:1.27" } });
    expect(queued.status).toBe(202);
    expect(queued.body.operation).toMatchObject({ kind: "deploy", id: expect.any(String) });
    expect(queued.body.revision).toMatchObject({ number: 1, spec: expect.objectContaining({ image: "nginx:1.27" }) });

    expect(await pollUntilFinished(queued.body.operation.id)).toMatchObject({ status: "succeeded" });
    expect(await specVersion()).toBe(before + 1);
    expect((await call(app.GET, "/api/projects/ci/apps/web", { params })).body.spec.image).toBe("nginx:1.27");
    const list = await call(revisions.GET, "/api/projects/ci/apps/web/revisions", { params });
    expect(list.body.revisions.map((r: { number: number; spec: { image: string } }) => [r.number, r.spec.image])).toEqual([[1, "nginx:1.27"]]);
    const deployment = await readObject(fx.cluster.kubeConfig, { apiVersion: "apps/v1", kind: "Deployment", namespace: "ci", name: "web" });
    expect((deployment as unknown as { spec: { template: { spec: { containers: Array<{ image: string }> } } } }).spec.template.spec.containers[0].image).toBe("nginx:1.27");
  });

  it("an empty body and {} still deploy the current spec, without touching its version", async () => {
    const before = await specVersion();
    const empty = await call(deploy.POST, "/api/projects/ci/apps/web/deploy?wait=true", { method: "POST", params });
    expect(empty.body.revision).toMatchObject({ number: 2, outcome: "succeeded", spec: expect.objectContaining({ image: "nginx:1.27" }) });
    const braces = await call(deploy.POST, "/api/projects/ci/apps/web/deploy?wait=true", { method: "POST", params, body: {} });
    expect(braces.body.revision).toMatchObject({ number: 3, outcome: "succeeded" });
    expect(await specVersion()).toBe(before);
  });

  it("refuses a bad image or an unknown field with a 400 sentence, and changes nothing", async () => {
    const count = () => getDb().revision.count();
    const before = { revisions: await count(), version: await specVersion() };
    const badImage = await call(deploy.POST, "/api/projects/ci/apps/web/deploy", { method: "POST", params, body: { image: "nginx::1" } });
    expect(badImage.status).toBe(400);
    expect(badImage.body.error.message).toContain("image: has '::'");
    const unknown = await call(deploy.POST, "/api/projects/ci/apps/web/deploy", { method: "POST", params, body: { image: "nginx:1.27", replicas: 3 } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain("replicas: unknown field");
    const notObject = await call(deploy.POST, "/api/projects/ci/apps/web/deploy", { method: "POST", params, rawBody: '"nginx:1.27"' });
    expect(notObject.status).toBe(400);
    expect({ revisions: await count(), version: await specVersion() }).toEqual(before);
  });
});
