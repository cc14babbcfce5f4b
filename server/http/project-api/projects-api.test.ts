import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as project from "@/app/api/projects/[project]/route";
import * as apps from "@/app/api/projects/[project]/apps/route";
import * as app from "@/app/api/projects/[project]/apps/[app]/route";
import * as deploy from "@/app/api/projects/[project]/apps/[app]/deploy/route";
import * as rollback from "@/app/api/projects/[project]/apps/[app]/rollback/route";
import * as scale from "@/app/api/projects/[project]/apps/[app]/scale/route";
import * as revisions from "@/app/api/projects/[project]/apps/[app]/revisions/route";
import * as status from "@/app/api/projects/[project]/apps/[app]/status/route";
import * as operation from "@/app/api/projects/[project]/operations/[id]/route";
import * as drift from "@/app/api/projects/[project]/apps/[app]/drift/route";
import * as hostnames from "@/app/api/projects/[project]/apps/[app]/hostnames/route";
import * as hostname from "@/app/api/projects/[project]/apps/[app]/hostnames/[host]/route";
import * as volumes from "@/app/api/projects/[project]/apps/[app]/volumes/route";
import { seedToken } from "@/server/auth/testing/auth-fixtures";
import { getDb } from "@/server/db/client";
import { openEngineFixture, type EngineFixture } from "@/server/engine/test/engine-fixture";
import { setCluster } from "@/server/kube/cluster";
import type { RouteHandler } from "@/server/http/with-auth";
import { callRoute, routeRequest } from "@/server/http/testing/route-request";

/**
 * The REST API end to end through the real route handlers: Bearer token → guard → validation →
 * engine → simulated cluster → informer-backed status.
 */
let fx: EngineFixture;
let admin: string;

beforeAll(async () => {
  fx = await openEngineFixture();
  setCluster({ source: "sim", origin: fx.cluster.dir, kubeConfig: fx.cluster.kubeConfig, isSimulated: true });
  admin = (await seedToken({ role: "admin" })).token;
}, 60_000);
afterAll(() => fx.close());

async function call(handler: RouteHandler, path: string, opts: { method?: string; body?: unknown; params?: Record<string, string> } = {}) {
  const res = await callRoute(handler, routeRequest(path, { method: opts.method, body: opts.body, bearer: admin }), opts.params ?? {});
  return { status: res.status, body: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function rowCounts() {
  const db = getDb();
  return { projects: await db.project.count(), apps: await db.app.count(), hostnames: await db.hostname.count(), volumes: await db.volume.count(), revisions: await db.revision.count(), operations: await db.operation.count(), audit: await db.auditEvent.count() };
}

/** Polls the status route until `health` (bounded), as a script watching a deploy would. */
async function waitForHealth(name: string, health: string, timeoutMs = 20_000) {
  const params = { project: "shop", app: name };
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await call(status.GET, `/api/projects/shop/apps/${name}/status`, { params });
    if (last.body.health === health) return last.body;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${name} never became ${health}; last status: ${JSON.stringify(last?.body)}`);
}

describe("projects and apps over REST", () => {
  it("creates a project, an app with a hostname and a volume, deploys it (wait) and reports Healthy", async () => {
    expect((await call(projects.POST, "/api/projects", { method: "POST", body: { name: "shop", displayName: "The shop" } })).status).toBe(201);
    const created = await call(apps.POST, "/api/projects/shop/apps", {
      method: "POST",
      params: { project: "shop" },
      body: { name: "web", image: "nginx:1.27", port: 80, hostnames: [{ host: "shop.example.com" }], volumes: [{ name: "data", size: "1Gi", mountPath: "/data" }], secretEnv: [{ name: "TOKEN", value: "s3cret" }] },
    });
    expect(created.status).toBe(201);
    expect(created.body.spec.secretEnv).toEqual([{ name: "TOKEN" }]);
    expect(JSON.stringify(created.body)).not.toContain("s3cret");

    const deployed = await call(deploy.POST, "/api/projects/shop/apps/web/deploy?wait=true", { method: "POST", params: { project: "shop", app: "web" } });
    expect(deployed.status).toBe(200);
    expect(deployed.body.operation).toMatchObject({ kind: "deploy", status: "succeeded" });
    expect(deployed.body.revision).toMatchObject({ number: 1, outcome: "succeeded" });

    const healthy = await waitForHealth("web", "Healthy");
    expect(healthy).toMatchObject({ replicas: { desired: 1, ready: 1, available: 1 }, urls: ["http://shop.example.com/"] });
    expect(healthy.volumes).toEqual([expect.objectContaining({ name: "web-data", phase: "Bound" })]);
    expect(healthy.pods).toEqual([expect.objectContaining({ phase: "Running", ready: true })]);
    expect(healthy.explanation).toBeUndefined();

    const list = await call(projects.GET, "/api/projects");
    expect(list.body.projects).toEqual([expect.objectContaining({ name: "shop", displayName: "The shop", appCount: 1, health: "Healthy" })]);
    const detail = await call(project.GET, "/api/projects/shop", { params: { project: "shop" } });
    expect(detail.body.apps).toEqual([expect.objectContaining({ name: "web", image: "nginx:1.27", hosts: ["shop.example.com"], health: "Healthy" })]);
  });

  it("answers status from the shared informer caches, without asking the API server per request", async () => {
    fx.cluster.sim.faults.setLatency(1_500);
    try {
      const started = Date.now();
      for (let i = 0; i < 5; i++) expect((await call(status.GET, "/api/projects/shop/apps/web/status", { params: { project: "shop", app: "web" } })).body.health).toBe("Healthy");
      expect(Date.now() - started).toBeLessThan(1_500);
    } finally {
      fx.cluster.sim.faults.setLatency(0);
    }
  });

  it("renames the project's display name and reports no drift for a freshly deployed app", async () => {
    const renamed = await call(project.PATCH, "/api/projects/shop", { method: "PATCH", params: { project: "shop" }, body: { displayName: "Shop front" } });
    expect(renamed).toMatchObject({ status: 200, body: { name: "shop", displayName: "Shop front", appCount: 1 } });
    const report = await call(drift.GET, "/api/projects/shop/apps/web/drift", { params: { project: "shop", app: "web" } });
    expect(report.body).toMatchObject({ drifted: false, revision: 1, objects: [] });
  });

  it("never reports a false alarm while a healthy new image rolls out", async () => {
    const params = { project: "shop", app: "web" };
    const current = (await call(app.GET, "/api/projects/shop/apps/web", { params })).body.spec;
    expect((await call(app.PUT, "/api/projects/shop/apps/web", { method: "PUT", params, body: { ...current, image: "nginx:1.28" } })).status).toBe(200);
    await call(deploy.POST, "/api/projects/shop/apps/web/deploy", { method: "POST", params });
    const seen = new Set<string>();
    const deadline = Date.now() + 20_000;
    let last;
    do {
      last = (await call(status.GET, "/api/projects/shop/apps/web/status", { params })).body;
      seen.add(last.health);
      await new Promise((r) => setTimeout(r, 50));
    } while (!(last.health === "Healthy" && last.pods.every((p: { image: string }) => p.image === "nginx:1.28")) && Date.now() < deadline);
    expect(last.pods.map((p: { image: string }) => p.image)).toEqual(["nginx:1.28"]);
    expect([...seen].filter((h) => h === "Failed" || h === "Degraded")).toEqual([]);
  });

  it("refuses bad input with 400 naming the field, and writes nothing", async () => {
    const before = await rowCounts();
    const bad: Array<[RouteHandler, string, unknown, Record<string, string>, RegExp]> = [
      [projects.POST, "/api/projects", { name: "Shop_2" }, {}, /^name: /],
      [apps.POST, "/api/projects/shop/apps", { name: "api", image: "nginx:1.27", port: 70000 }, { project: "shop" }, /^port: /],
      [apps.POST, "/api/projects/shop/apps", { name: "api", image: "NGINX::bad", port: 80 }, { project: "shop" }, /^image: /],
      [apps.POST, "/api/projects/shop/apps", { name: "api", image: "nginx", port: 80, env: [{ name: "1BAD", value: "x" }] }, { project: "shop" }, /^env\.0\.name: /],
      [apps.POST, "/api/projects/shop/apps", { name: "api", image: "nginx", port: 80, volumes: [{ name: "d", size: "lots", mountPath: "/d" }] }, { project: "shop" }, /^volumes\.0\.size: /],
      [apps.POST, "/api/projects/shop/apps", { name: "api", image: "nginx", port: 80, volumes: [{ name: "d", size: "1Gi", mountPath: "/" }] }, { project: "shop" }, /^volumes\.0\.mountPath: /],
      [hostnames.POST, "/api/projects/shop/apps/web/hostnames", { host: "bad..example.com" }, { project: "shop", app: "web" }, /^host: /],
      [hostnames.POST, "/api/projects/shop/apps/web/hostnames", { host: "ok.example.com", path: "/a/../b" }, { project: "shop", app: "web" }, /^path: /],
      [scale.POST, "/api/projects/shop/apps/web/scale", { replicas: 51 }, { project: "shop", app: "web" }, /^replicas: /],
      [scale.POST, "/api/projects/shop/apps/web/scale", { replicas: 2 }, { project: "shop", app: "web" }, /ReadWriteOnce/],
      [rollback.POST, "/api/projects/shop/apps/web/rollback", { revision: 0 }, { project: "shop", app: "web" }, /^revision: /],
      [app.PUT, "/api/projects/shop/apps/web", { name: "web", image: "nginx:1.27", port: 0 }, { project: "shop", app: "web" }, /^port: /],
    ];
    for (const [handler, path, body, params, message] of bad) {
      const method = handler === app.PUT ? "PUT" : "POST";
      const res = await call(handler, path, { method, body, params });
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(res.body.error.message, path).toMatch(message);
    }
    const del = await call(project.DELETE, "/api/projects/shop", { method: "DELETE", body: { confirm: "shops" }, params: { project: "shop" } });
    expect(del.status).toBe(400);
    expect(del.body.error.message).toMatch(/^confirm: type the project's name \("shop"\)/);
    expect(await rowCounts()).toEqual(before);
  });

  it("answers 404 with a sentence for what does not exist", async () => {
    const missingProject = await call(apps.GET, "/api/projects/nope/apps", { params: { project: "nope" } });
    expect(missingProject.status).toBe(404);
    expect(missingProject.body.error.message).toMatch(/"nope"/);
    const missingApp = await call(status.GET, "/api/projects/shop/apps/ghost/status", { params: { project: "shop", app: "ghost" } });
    expect(missingApp.status).toBe(404);
    expect(missingApp.body.error.message).toBe('Project "shop" has no app "ghost".');
  });

  it("explains an image that cannot be pulled, in the status and on the failed revision", async () => {
    const created = await call(apps.POST, "/api/projects/shop/apps", { method: "POST", params: { project: "shop" }, body: { name: "broken", image: "nginx:notfound", port: 80 } });
    expect(created.status).toBe(201);
    const deployed = await call(deploy.POST, "/api/projects/shop/apps/broken/deploy?wait=true", { method: "POST", params: { project: "shop", app: "broken" } });
    expect(deployed.body.operation.status).toBe("failed");
    expect(deployed.body.revision).toMatchObject({ outcome: "failed", message: expect.stringContaining("nginx:notfound could not be pulled") });
    const failed = await waitForHealth("broken", "Failed");
    expect(failed.explanation).toBe("The image nginx:notfound could not be pulled: docker.io has no such image or tag — check the image name and tag.");
    expect(failed.pods[0].reason).toMatch(/ErrImagePull|ImagePullBackOff/);
  });

  it("explains a crash loop with the container's last exit code", async () => {
    const body = { name: "crash", image: "nginx:crashloop", port: 80 };
    expect((await call(apps.POST, "/api/projects/shop/apps", { method: "POST", params: { project: "shop" }, body })).status).toBe(201);
    await call(deploy.POST, "/api/projects/shop/apps/crash/deploy", { method: "POST", params: { project: "shop", app: "crash" } });
    const failed = await waitForHealth("crash", "Failed");
    // Berth renders terminationMessagePolicy FallbackToLogsOnError, so the kubelet keeps the log's last line.
    expect(failed.explanation).toBe('The container keeps crashing (last exit code 1); its last log line: "Error: fatal: exiting with code 1" — open the logs to see why it exits.');
  });

  it("explains a ReadWriteMany volume on local-path in the provisioner's words, with what to change", async () => {
    const params = { project: "shop", app: "files" };
    const body = { name: "files", image: "nginx:1.27", port: 80, volumes: [{ name: "shared", size: "1Gi", mountPath: "/srv", accessMode: "ReadWriteMany" }] };
    expect((await call(apps.POST, "/api/projects/shop/apps", { method: "POST", params: { project: "shop" }, body })).status).toBe(201);
    expect((await call(deploy.POST, "/api/projects/shop/apps/files/deploy", { method: "POST", params })).status).toBe(202);
    const failed = await waitForHealth("files", "Failed");
    expect(failed.explanation).toMatch(/^The volume "files-shared" cannot be provisioned \(failed to provision volume with StorageClass "local-path": .*ReadWriteOnce.*\) — .*change the volume's access mode to ReadWriteOnce/);
    expect(failed.volumes).toEqual([expect.objectContaining({ name: "files-shared", phase: "Pending", note: expect.stringContaining("ReadWriteOnce") })]);
    expect(failed.pods[0]).toMatchObject({ phase: "Pending", ready: false });
  });

  it("scales, lists revisions newest first, adds and removes a hostname, and lists volumes", async () => {
    const params = { project: "shop", app: "web" };
    const added = await call(hostnames.POST, "/api/projects/shop/apps/web/hostnames", { method: "POST", params, body: { host: "www.example.com", path: "/api" } });
    expect(added.status).toBe(201);
    expect(added.body.hostnames.map((h: { url: string }) => h.url)).toEqual(["http://shop.example.com/", "http://www.example.com/api"]);
    const removed = await call(hostname.DELETE, "/api/projects/shop/apps/web/hostnames/www.example.com?path=/api", { method: "DELETE", params: { ...params, host: "www.example.com" } });
    expect(removed.body.hostnames).toHaveLength(1);

    const stopped = await call(scale.POST, "/api/projects/shop/apps/web/scale?wait=true", { method: "POST", params, body: { replicas: 0 } });
    expect(stopped.body.operation.status).toBe("succeeded");
    await waitForHealth("web", "Stopped");
    const list = await call(revisions.GET, "/api/projects/shop/apps/web/revisions", { params });
    expect(list.body.revisions.map((r: { number: number; spec: { replicas: number } }) => [r.number, r.spec.replicas])).toEqual([[3, 0], [2, 1], [1, 1]]);
    const vols = await call(volumes.GET, "/api/projects/shop/apps/web/volumes", { params });
    expect(vols.body.volumes).toEqual([{ name: "data", size: "1Gi", mountPath: "/data", accessMode: "ReadWriteOnce", storageClass: null, claimName: "web-data" }]);
  });

  it("answers 202 without waiting, and deletes an app (then 404)", async () => {
    const params = { project: "shop", app: "broken" };
    const queued = await call(deploy.POST, "/api/projects/shop/apps/broken/deploy", { method: "POST", params });
    expect(queued.status).toBe(202);
    expect(["queued", "running"]).toContain(queued.body.operation.status);
    const id = queued.body.operation.id;
    const polled = await call(operation.GET, `/api/projects/shop/operations/${id}?wait=true`, { params: { project: "shop", id } });
    expect(polled.body).toMatchObject({ id, kind: "deploy", status: expect.stringMatching(/^(failed|succeeded|superseded)$/) });
    expect((await call(operation.GET, `/api/projects/other/operations/${id}`, { params: { project: "other", id } })).status).toBe(404);
    const deleted = await call(app.DELETE, "/api/projects/shop/apps/broken?wait=true", { method: "DELETE", params });
    expect(deleted.status).toBe(200);
    expect(deleted.body.operation).toMatchObject({ kind: "delete-app", status: "succeeded" });
    expect((await call(app.GET, "/api/projects/shop/apps/broken", { params })).status).toBe(404);
  });

  it("audits every change once, with who, from where, and the revision it made", async () => {
    const rows = await getDb().auditEvent.findMany({ orderBy: { at: "asc" } });
    const seen = rows.map((r) => [r.action, r.target]);
    expect(seen).toEqual(
      expect.arrayContaining([
        ["project.create", "shop"],
        ["app.create", "shop/web"],
        ["app.deploy", "shop/web"],
        ["project.update", "shop"],
        ["app.hostname.add", "shop/web"],
        ["app.hostname.remove", "shop/web"],
        ["app.scale", "shop/web"],
        ["app.delete", "shop/broken"],
      ]),
    );
    expect(seen.filter(([action, target]) => action === "app.create" && target === "shop/web")).toHaveLength(1);
    const scaled = rows.find((r) => r.action === "app.scale")!;
    expect(scaled).toMatchObject({ actorName: "admin-user", ip: expect.any(String) });
    expect(JSON.parse(scaled.detail!)).toEqual({ replicas: 0, revision: 3 });
    expect(JSON.parse(rows.find((r) => r.action === "app.hostname.remove")!.detail!)).toEqual({ host: "www.example.com", path: "/api" });
  });
});
