import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as apps from "@/app/api/projects/[project]/apps/route";
import * as deploy from "@/app/api/projects/[project]/apps/[app]/deploy/route";
import * as metrics from "@/app/api/projects/[project]/apps/[app]/metrics/route";
import { seedToken } from "@/server/auth/testing/auth-fixtures";
import { closeDb } from "@/server/db/client";
import { migrateDatabase } from "@/server/db/migrate";
import { startEngine, stopEngine } from "@/server/engine/engine";
import { setCluster } from "@/server/kube/cluster";
import { stopInformers } from "@/server/kube/informers";
import { readPodMetrics } from "@/server/kube/read-pod-metrics";
import { callRoute, routeRequest } from "@/server/http/testing/route-request";
import type { RouteHandler } from "@/server/http/with-auth";
import { startSim, type Sim } from "@/server/sim/start-sim";

/**
 * The metrics route end to end: Bearer token → route → sampler → metrics.k8s.io on the simulated
 * cluster (metrics refreshed every 200 ms instead of 10 s), and a cluster without metrics-server.
 */
let sim: Sim;
let kubeConfig: KubeConfig;
let dataDir: string;
let viewer: string;
let admin: string;
let bare: http.Server;
let bareKubeConfig: KubeConfig;

function kubeConfigFor(server: string, token: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: "c", server, skipTLSVerify: true }],
    users: [{ name: "u", token }],
    contexts: [{ name: "x", cluster: "c", user: "u" }],
    currentContext: "x",
  });
  return kc;
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-metrics-db-"));
  process.env.BERTH_DATA_DIR = dataDir;
  await closeDb();
  await migrateDatabase(dataDir);
  sim = await startSim({ port: 0, controllerOptions: { metricsIntervalMs: 200 } });
  const file = path.join(dataDir, "kubeconfig.yaml");
  await sim.writeKubeconfig(file);
  kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(file);
  setCluster({ source: "sim", origin: dataDir, kubeConfig, isSimulated: true });
  await startEngine({ stuckGraceMs: 400, rolloutTimeoutMs: 15_000, pollMs: 200 });
  admin = (await seedToken({ role: "admin" })).token;
  viewer = (await seedToken({ role: "viewer" })).token;

  // An API server without metrics-server: every path outside the core groups is a 404 Status.
  bare = http.createServer((req, res) => {
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ kind: "Status", apiVersion: "v1", status: "Failure", message: "the server could not find the requested resource", reason: "NotFound", code: 404 }));
  });
  await new Promise<void>((resolve) => bare.listen(0, "127.0.0.1", resolve));
  bareKubeConfig = kubeConfigFor(`http://127.0.0.1:${(bare.address() as AddressInfo).port}`, "t");
}, 60_000);

afterAll(async () => {
  await stopEngine();
  await stopInformers();
  await sim.stop();
  await new Promise((resolve) => bare.close(resolve));
  await closeDb();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function call(handler: RouteHandler, url: string, params: Record<string, string>, opts: { method?: string; body?: unknown; bearer?: string } = {}) {
  const res = await callRoute(handler, routeRequest(url, { method: opts.method, body: opts.body, bearer: opts.bearer ?? admin }), params);
  return { status: res.status, body: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe("GET /api/projects/{project}/apps/{app}/metrics", () => {
  it("shows a deployed app's CPU and memory to a viewer, summed over its pods, without re-reading on every request", async () => {
    expect((await call(projects.POST, "/api/projects", {}, { method: "POST", body: { name: "shop" } })).status).toBe(201);
    expect((await call(apps.POST, "/api/projects/shop/apps", { project: "shop" }, { method: "POST", body: { name: "web", image: "nginx:1.27", port: 80, replicas: 2 } })).status).toBe(201);
    expect((await call(apps.POST, "/api/projects/shop/apps", { project: "shop" }, { method: "POST", body: { name: "api", image: "nginx:1.27", port: 80 } })).status).toBe(201);
    const deployed = await call(deploy.POST, "/api/projects/shop/apps/web/deploy?wait=true", { project: "shop", app: "web" }, { method: "POST" });
    expect(deployed.body.operation).toMatchObject({ status: "succeeded" });

    // Wait (bounded) until metrics-server has scraped both pods, reading the API directly.
    const deadline = Date.now() + 15_000;
    let pods = 0;
    while (Date.now() < deadline) {
      const raw = await readPodMetrics(kubeConfig, "shop", { "berth.dev/app": "web" });
      pods = raw.available ? raw.pods.length : 0;
      if (pods === 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(pods).toBe(2);

    const params = { project: "shop", app: "web" };
    const first = await call(metrics.GET, "/api/projects/shop/apps/web/metrics", params, { bearer: viewer });
    expect(first.status).toBe(200);
    expect(first.body.available).toBe(true);
    expect(first.body.samples).toHaveLength(1);
    const [sample] = first.body.samples;
    expect(sample.cpuMillicores).toBeGreaterThan(0);
    expect(sample.memoryBytes).toBeGreaterThan(0);
    expect(Date.parse(sample.at)).toBeGreaterThan(Date.now() - 60_000);

    await new Promise((r) => setTimeout(r, 500));
    const again = await call(metrics.GET, "/api/projects/shop/apps/web/metrics", params, { bearer: viewer });
    expect(again.body.samples).toEqual(first.body.samples);

    const notDeployed = await call(metrics.GET, "/api/projects/shop/apps/api/metrics", { project: "shop", app: "api" });
    expect(notDeployed.body).toMatchObject({ available: true, samples: [], message: expect.stringMatching(/no pod/i) });
  }, 60_000);

  it("answers 404 with a sentence for an app that does not exist", async () => {
    const missing = await call(metrics.GET, "/api/projects/shop/apps/ghost/metrics", { project: "shop", app: "ghost" });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('Project "shop" has no app "ghost".');
  });

  it("answers available: false, not an error, when the cluster has no metrics-server", async () => {
    expect(await readPodMetrics(bareKubeConfig, "shop", { "berth.dev/app": "web" })).toEqual({ available: false, message: "Metrics unavailable: the cluster has no metrics-server." });
    setCluster({ source: "kubeconfig", origin: "test", kubeConfig: bareKubeConfig, isSimulated: false });
    try {
      // "worker" was never sampled, so the sampler reads the (metrics-less) cluster now.
      expect((await call(apps.POST, "/api/projects/shop/apps", { project: "shop" }, { method: "POST", body: { name: "worker", image: "nginx:1.27", port: 80 } })).status).toBe(201);
      const res = await call(metrics.GET, "/api/projects/shop/apps/worker/metrics", { project: "shop", app: "worker" }, { bearer: viewer });
      expect(res).toEqual({ status: 200, body: { available: false, samples: [], message: "Metrics unavailable: the cluster has no metrics-server." } });
    } finally {
      setCluster({ source: "sim", origin: dataDir, kubeConfig, isSimulated: true });
    }
  });
});
