/**
 * `npm run bench -- fanout`: proves live updates ride on the process's shared informers.
 *
 * Starts the simulated cluster (controllers off, so only the bench's own writes happen) and an
 * in-process Berth HTTP server with the WebSocket gateway and the real live session + fan-out.
 * 1) With 1 and then 100 subscribed /api/ws/live clients, counts the watch streams the sim has
 *    open: they must be equal (one per informed kind, never one per browser).
 * 2) Creates 200 Deployments, one per app, one after another, and times from each write to the
 *    `app-status` message for that app arriving at a subscribed client (debounce included).
 *
 * Authentication is stubbed in the gateway (every upgrade is a viewer): the bench measures the
 * fan-out, and the auth guard has its own tests.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { WebSocket } from "ws";
import { createBerthServer } from "@/server/berth-server";
import { getAppStatus } from "@/server/engine/status/app-status";
import { setCluster } from "@/server/kube/cluster";
import { loadFiles } from "@/server/kube/find-cluster";
import { getInformer, stopInformers } from "@/server/kube/informers";
import { INFORMED_KINDS } from "@/server/kube/kind-registry";
import { startSim } from "@/server/sim/start-sim";
import { createWsGateway } from "@/server/ws/gateway";
import { createLiveFanout } from "@/server/ws/live-fanout";
import { handleLiveSession, type LivePrincipal } from "@/server/ws/live-session";
import type { LiveServerMessage } from "@/lib/ws-protocol";

const CHANGES = 200;
const CLIENTS = 100;
const PROJECT = "fanout-bench";
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-fanout-"));
  const sim = await startSim({ controllers: false });
  const kubeconfig = path.join(dir, "kubeconfig.yaml");
  await sim.writeKubeconfig(kubeconfig);
  const kubeConfig = loadFiles([kubeconfig]);
  setCluster({ source: "sim", origin: kubeconfig, kubeConfig, isSimulated: true });

  const fanout = createLiveFanout({ informer: (kind) => getInformer(kind, kubeConfig), statusOf: (p, a) => getAppStatus(p, a) });
  await Promise.all(INFORMED_KINDS.map((kind) => getInformer(kind, kubeConfig).waitForSync(15_000)));
  const principal: LivePrincipal = { userName: "bench", role: "viewer" };
  const gateway = createWsGateway<LivePrincipal>({
    authenticate: async () => ({ ok: true, principal }),
    routes: { "/api/ws/live": (socket, _req, p) => handleLiveSession(socket, p, fanout) },
  });
  const berth = createBerthServer({ handle: (_req, res) => res.writeHead(404).end(), gateway, logLine: () => {} });
  const url = (await berth.listen(0, "127.0.0.1")).replace(/^http/, "ws") + "/api/ws/live";

  const clients: WebSocket[] = [];
  async function connect(): Promise<WebSocket> {
    const ws = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("live socket did not greet within 5 s")), 5000);
      ws.once("message", () => (clearTimeout(timer), resolve()));
      ws.once("error", reject);
    });
    clients.push(ws);
    return ws;
  }

  try {
    const first = await connect();
    await wait(500);
    const watches1 = sim.openWatchCount();
    while (clients.length < CLIENTS) await connect();
    await wait(500);
    const watches100 = sim.openWatchCount();
    console.log(`watch streams open: ${watches1} with 1 client, ${watches100} with ${CLIENTS} (fan-out subscribers: ${fanout.subscriberCount()})`);

    sim.store.create({ group: "", version: "v1", plural: "namespaces" }, {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: PROJECT, labels: { "app.kubernetes.io/managed-by": "berth" } },
    });
    const arrivals = new Map<string, number>();
    let waiting: { app: string; resolve: () => void } | undefined;
    first.on("message", (data) => {
      const message = JSON.parse(data.toString()) as LiveServerMessage;
      if (message.type !== "app-status" || arrivals.has(message.app)) return;
      arrivals.set(message.app, performance.now());
      if (waiting?.app === message.app) waiting.resolve();
    });

    const latencies: number[] = [];
    for (let i = 0; i < CHANGES; i++) {
      const app = `app-${i}`;
      const labels = { "app.kubernetes.io/managed-by": "berth", "berth.dev/project": PROJECT, "berth.dev/app": app };
      const arrived = new Promise<void>((resolve, reject) => {
        waiting = { app, resolve };
        setTimeout(() => reject(new Error(`no app-status for ${app} within 5 s`)), 5000).unref();
      });
      const start = performance.now();
      sim.store.create({ group: "apps", version: "v1", plural: "deployments" }, {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: app, namespace: PROJECT, labels },
        spec: { replicas: 1, selector: { matchLabels: { "berth.dev/app": app } }, template: { metadata: { labels }, spec: { containers: [{ name: "app", image: "nginx:1.27" }] } } },
      });
      await arrived;
      latencies.push(arrivals.get(app)! - start);
    }
    latencies.sort((a, b) => a - b);
    const p50 = percentile(latencies, 50);
    const p95 = percentile(latencies, 95);
    console.log(`delivery of ${CHANGES} changes to a subscribed client (100 subscribed, 100 ms debounce included): p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
    console.log(`RESULT watches_1=${watches1} watches_100=${watches100} p50_ms=${p50.toFixed(1)} p95_ms=${p95.toFixed(1)}`);
    if (watches1 !== watches100) process.exitCode = 1;
  } finally {
    for (const ws of clients) ws.terminate();
    fanout.stop();
    await berth.shutdown();
    await stopInformers();
    await sim.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
