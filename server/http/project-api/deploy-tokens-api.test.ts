import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as tokens from "@/app/api/tokens/route";
import * as projects from "@/app/api/projects/route";
import * as apps from "@/app/api/projects/[project]/apps/route";
import * as deploy from "@/app/api/projects/[project]/apps/[app]/deploy/route";
import * as restart from "@/app/api/projects/[project]/apps/[app]/restart/route";
import * as rollback from "@/app/api/projects/[project]/apps/[app]/rollback/route";
import * as status from "@/app/api/projects/[project]/apps/[app]/status/route";
import * as revisions from "@/app/api/projects/[project]/apps/[app]/revisions/route";
import * as logs from "@/app/api/projects/[project]/apps/[app]/logs/download/route";
import * as operation from "@/app/api/projects/[project]/operations/[id]/route";
import type { CreatedApiToken } from "@/lib/dto/token";
import { seedToken } from "@/server/auth/testing/auth-fixtures";
import { getDb } from "@/server/db/client";
import { openEngineFixture, type EngineFixture } from "@/server/engine/test/engine-fixture";
import { setCluster } from "@/server/kube/cluster";
import type { RouteHandler } from "@/server/http/with-auth";
import { callRoute, routeRequest } from "@/server/http/testing/route-request";

/**
 * Deploy tokens through the real route handlers against the simulated cluster: an admin makes
 * one for an app, and a CI job with it deploys a new image, waits, rolls back, restarts and
 * reads status, revisions, logs and operations — of that app only. The 403s for everything
 * else, on every route, are in server/http/routes.test.ts.
 */
let fx: EngineFixture;
let admin: string;
let viewer: string;
let appToken: CreatedApiToken;
let projectToken: CreatedApiToken;

async function call(token: string, handler: RouteHandler, path: string, opts: { method?: string; body?: unknown; params?: Record<string, string> } = {}) {
  const res = await callRoute(handler, routeRequest(path, { method: opts.method, body: opts.body, bearer: token }), opts.params ?? {});
  const text = await res.text();
  return { status: res.status, text, body: (res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : null) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const web = { project: "ci", app: "web" };

beforeAll(async () => {
  fx = await openEngineFixture();
  setCluster({ source: "sim", origin: fx.cluster.dir, kubeConfig: fx.cluster.kubeConfig, isSimulated: true });
  admin = (await seedToken({ role: "admin" })).token;
  viewer = (await seedToken({ role: "viewer" })).token;
  for (const name of ["ci", "other"]) await call(admin, projects.POST, "/api/projects", { method: "POST", body: { name } });
  for (const name of ["web", "api"]) {
    await call(admin, apps.POST, "/api/projects/ci/apps", { method: "POST", params: { project: "ci" }, body: { name, image: "nginx:1.26", port: 80 } });
  }
  await call(admin, apps.POST, "/api/projects/other/apps", { method: "POST", params: { project: "other" }, body: { name: "web", image: "nginx:1.26", port: 80 } });
}, 60_000);
afterAll(() => fx.close());

describe("creating deploy tokens", () => {
  it("an admin makes one for an app and one for a project; the list shows their scope, never the value", async () => {
    const created = await call(admin, tokens.POST, "/api/tokens", { method: "POST", body: { name: "github actions", role: "deployer", project: "ci", app: "web", expiresInDays: 90 } });
    expect(created.status).toBe(201);
    appToken = created.body;
    expect(appToken).toMatchObject({ role: "deployer", scope: { project: "ci", app: "web" }, token: expect.stringMatching(/^berth_/) });
    projectToken = (await call(admin, tokens.POST, "/api/tokens", { method: "POST", body: { name: "whole project", role: "deployer", project: "ci" } })).body;
    expect(projectToken.scope).toEqual({ project: "ci", app: null });

    const listed = await call(admin, tokens.GET, "/api/tokens");
    expect(listed.body.tokens.find((t: { id: string }) => t.id === appToken.id)).toMatchObject({ role: "deployer", scope: { project: "ci", app: "web" } });
    expect(listed.text).not.toContain(appToken.token);
    const audit = await getDb().auditEvent.findFirst({ where: { action: "token.create", target: appToken.id } });
    expect(JSON.parse(audit!.detail!)).toMatchObject({ role: "deployer", scope: { project: "ci", app: "web" } });
  });

  it("refuses a deploy token without a project, for a project or app that does not exist, a scope on another role, and viewers", async () => {
    const before = await getDb().apiToken.count();
    const cases: Array<[string, unknown, number, string]> = [
      [admin, { name: "x", role: "deployer" }, 400, "project: a deployer token needs the project it may deploy in"],
      [admin, { name: "x", role: "viewer", project: "ci" }, 400, "project: only a deployer token has a scope"],
      [admin, { name: "x", role: "deployer", project: "nope" }, 404, 'there is no project "nope"'],
      [admin, { name: "x", role: "deployer", project: "ci", app: "nope" }, 404, 'project "ci" has no app "nope"'],
      [admin, { name: "x", role: "deployer", project: "ci", app: "Bad_Name" }, 400, "app:"],
      [viewer, { name: "x", role: "deployer", project: "ci" }, 403, "This needs the admin role"],
    ];
    for (const [token, body, code, sentence] of cases) {
      const res = await call(token, tokens.POST, "/api/tokens", { method: "POST", body });
      expect(res.status, JSON.stringify(body)).toBe(code);
      expect(res.body.error.message, JSON.stringify(body)).toContain(sentence);
    }
    expect(await getDb().apiToken.count()).toBe(before);
  });
});

describe("what a CI job does with an app's deploy token", () => {
  let firstOperation: string;

  it("deploys a new image: 202 with the operation and revision, then polls the operation until it succeeds", async () => {
    const queued = await call(appToken.token, deploy.POST, "/api/projects/ci/apps/web/deploy", { method: "POST", params: web, body: { image: "nginx:1.27" } });
    expect(queued.status).toBe(202);
    expect(queued.body.revision).toMatchObject({ number: 1, spec: expect.objectContaining({ image: "nginx:1.27" }) });
    firstOperation = queued.body.operation.id;
    const done = await call(appToken.token, operation.GET, `/api/projects/ci/operations/${firstOperation}?wait=true`, { params: { project: "ci", id: firstOperation } });
    expect(done.body).toMatchObject({ id: firstOperation, status: "succeeded" });
  });

  it("every change it makes is audited with the token's id and hint and the admin who made the token", async () => {
    const row = await getDb().auditEvent.findFirst({ where: { action: "app.deploy", target: "ci/web" } });
    expect(row).toMatchObject({ actorName: "admin-user", ip: expect.any(String) });
    expect(JSON.parse(row!.detail!)).toEqual({ image: "nginx:1.27", revision: 1, deployToken: { id: appToken.id, hint: appToken.hint } });
  });

  it("reads the app's status, revisions and log, restarts it and rolls it back", async () => {
    expect((await call(appToken.token, status.GET, "/api/projects/ci/apps/web/status", { params: web })).body).toMatchObject({ health: expect.any(String) });
    expect((await call(appToken.token, logs.GET, "/api/projects/ci/apps/web/logs/download", { params: web })).status).toBe(200);
    const restarted = await call(appToken.token, restart.POST, "/api/projects/ci/apps/web/restart?wait=true", { method: "POST", params: web });
    expect(restarted.body.operation).toMatchObject({ kind: "restart", status: "succeeded" });
    const rolled = await call(appToken.token, rollback.POST, "/api/projects/ci/apps/web/rollback?wait=true", { method: "POST", params: web, body: { revision: 1 } });
    expect(rolled.body.operation).toMatchObject({ kind: "rollback", status: "succeeded" });
    const list = await call(appToken.token, revisions.GET, "/api/projects/ci/apps/web/revisions", { params: web });
    expect(list.body.revisions.map((r: { number: number }) => r.number)).toEqual([3, 2, 1]);
  });

  it("sees only its project, and in it only its app", async () => {
    const listed = await call(appToken.token, projects.GET, "/api/projects");
    expect(listed.body.projects).toEqual([expect.objectContaining({ name: "ci", appCount: 1 })]);
    const byProjectToken = await call(projectToken.token, projects.GET, "/api/projects");
    expect(byProjectToken.body.projects).toEqual([expect.objectContaining({ name: "ci", appCount: 2 })]);
  });

  it("cannot deploy or read the other app of its project, nor the same app name in another project", async () => {
    const api = await call(appToken.token, deploy.POST, "/api/projects/ci/apps/api/deploy", { method: "POST", params: { project: "ci", app: "api" }, body: { image: "nginx:1.27" } });
    expect(api.status).toBe(403);
    expect(api.body.error.message).toContain('works only for app "web" of project "ci"');
    expect((await call(appToken.token, status.GET, "/api/projects/other/apps/web/status", { params: { project: "other", app: "web" } })).status).toBe(403);
    expect(await getDb().revision.count({ where: { app: { name: "api" } } })).toBe(0);
  });

  it("reads an operation of its app only; the project's token reads any of the project's", async () => {
    const other = await call(admin, deploy.POST, "/api/projects/ci/apps/api/deploy?wait=true", { method: "POST", params: { project: "ci", app: "api" } });
    const id = other.body.operation.id;
    const params = { project: "ci", id };
    expect((await call(appToken.token, operation.GET, `/api/projects/ci/operations/${id}`, { params })).status).toBe(403);
    expect((await call(projectToken.token, operation.GET, `/api/projects/ci/operations/${id}`, { params })).body).toMatchObject({ id, app: "api" });
    expect((await call(projectToken.token, operation.GET, `/api/projects/other/operations/${firstOperation}`, { params: { project: "other", id: firstOperation } })).status).toBe(403);
  });

  it("stops working once its owner is no longer an admin", async () => {
    await getDb().user.update({ where: { name: "admin-user" }, data: { role: "viewer" } });
    try {
      const res = await call(appToken.token, status.GET, "/api/projects/ci/apps/web/status", { params: web });
      expect(res.status).toBe(401);
      expect(res.body.error.message).toContain("its owner is not an admin any more");
    } finally {
      await getDb().user.update({ where: { name: "admin-user" }, data: { role: "admin" } });
    }
  });
});
