import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as apps from "@/app/api/projects/[project]/apps/route";
import * as app from "@/app/api/projects/[project]/apps/[app]/route";
import * as hostnames from "@/app/api/projects/[project]/apps/[app]/hostnames/route";
import { seedToken } from "@/server/auth/testing/auth-fixtures";
import { getDb } from "@/server/db/client";
import { openEngineFixture, type EngineFixture } from "@/server/engine/test/engine-fixture";
import type { RouteHandler } from "@/server/http/with-auth";
import { callRoute, routeRequest } from "@/server/http/testing/route-request";

/** Workers (apps without a port) and the Advanced fields over REST: what is refused, with which sentence. */
let fx: EngineFixture;
let admin: string;

beforeAll(async () => {
  fx = await openEngineFixture();
  admin = (await seedToken({ role: "admin" })).token;
  await callRoute(projects.POST, routeRequest("/api/projects", { method: "POST", body: { name: "ops" }, bearer: admin }), {});
}, 60_000);
afterAll(() => fx.close());

async function call(handler: RouteHandler, path: string, opts: { method?: string; body?: unknown; params?: Record<string, string> } = {}) {
  const res = await callRoute(handler, routeRequest(path, { method: opts.method, body: opts.body, bearer: admin }), opts.params ?? {});
  return { status: res.status, body: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe("workers over REST", () => {
  it("creates a worker without a port, and refuses hostnames on it with a sentence, changing nothing", async () => {
    const params = { project: "ops" };
    const created = await call(apps.POST, "/api/projects/ops/apps", { method: "POST", params, body: { name: "jobs", image: "ghcr.io/acme/worker:1" } });
    expect(created.status).toBe(201);
    expect(created.body.spec.port).toBeUndefined();

    const withHost = await call(apps.POST, "/api/projects/ops/apps", { method: "POST", params, body: { name: "jobs2", image: "ghcr.io/acme/worker:1", hostnames: [{ host: "jobs.example.com" }] } });
    expect(withHost.status).toBe(400);
    expect(withHost.body.error.message).toContain("hostnames: a worker has no port, so it cannot have hostnames — add a port or remove the hostnames");

    const added = await call(hostnames.POST, "/api/projects/ops/apps/jobs/hostnames", { method: "POST", params: { project: "ops", app: "jobs" }, body: { host: "jobs.example.com" } });
    expect(added.status).toBe(400);
    expect(added.body.error.message).toContain("a worker has no port, so it cannot have hostnames");
    expect(await getDb().hostname.count()).toBe(0);
    expect(await getDb().app.count()).toBe(1);
  });

  it("stores the Advanced fields and refuses a liveness successThreshold the API server would refuse", async () => {
    const params = { project: "ops", app: "jobs" };
    const current = (await call(app.GET, "/api/projects/ops/apps/jobs", { params })).body.spec;
    const bad = await call(app.PUT, "/api/projects/ops/apps/jobs", { method: "PUT", params, body: { ...current, probes: { liveness: { type: "command", command: ["pgrep", "worker"], successThreshold: 3 } } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("probes.liveness.successThreshold: a liveness probe's successThreshold must be 1");
    const good = await call(app.PUT, "/api/projects/ops/apps/jobs", {
      method: "PUT",
      params,
      body: { ...current, securityContext: { runAsUser: 1000, fsGroup: 1000 }, probes: { liveness: { type: "command", command: ["pgrep", "worker"] } } },
    });
    expect(good.status).toBe(200);
    expect(good.body.spec).toMatchObject({ securityContext: { runAsUser: 1000, fsGroup: 1000 }, probes: { liveness: { type: "command", command: ["pgrep", "worker"] } } });
  });
});
