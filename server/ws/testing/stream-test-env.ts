/**
 * Test support for the logs and exec sockets: a simulated cluster on port 0, a migrated test
 * database with an admin and a viewer token, and a real Berth server (createBerthServer + the
 * gateway + the upgrade guard) serving /api/ws/logs and /api/ws/exec. Pods are made by a real
 * Deployment labelled as the engine labels them, so the shared Pod informer sees them.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { WebSocket } from "ws";
import type { KubeConfig } from "@kubernetes/client-node";
import { startSim, type Sim } from "@/server/sim/start-sim";
import { loadFiles } from "@/server/kube/find-cluster";
import { kubeClientsFor } from "@/server/kube/kube-clients";
import { getInformer, stopInformers } from "@/server/kube/informers";
import { authenticateUpgrade } from "@/server/ws/authenticate-upgrade";
import { closeTestDb, openTestDb, seedToken } from "@/server/auth/testing/auth-fixtures";
import { createBerthServer, type BerthServer } from "@/server/berth-server";
import { createWsGateway } from "@/server/ws/gateway";
import { createLogsRoute } from "@/server/ws/logs-route";
import type { LogsSessionStats } from "@/server/ws/logs-session";
import { createExecRoute } from "@/server/ws/exec-session";
import { createStreamLimits, type StreamKind } from "@/server/ws/stream-limits";

export interface StreamTestEnv {
  /** The in-process sim, unless the env was pointed at an outside API server. */
  sim?: Sim;
  kubeConfig: KubeConfig;
  url: string;
  adminToken: string;
  viewerToken: string;
  sessions: Array<{ stats(): LogsSessionStats }>;
  stop(): Promise<void>;
}

export async function startStreamTestEnv(
  options: { logRate?: number; limits?: Record<StreamKind, number>; keepaliveMs?: number; highWaterBytes?: number; kubeconfigPath?: string } = {},
): Promise<StreamTestEnv> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-streams-"));
  let sim: Sim | undefined;
  if (!options.kubeconfigPath) {
    sim = await startSim({ port: 0, logRate: options.logRate ?? 20, controllerOptions: { tickMs: 20 } });
    await sim.writeKubeconfig(path.join(dir, "kubeconfig.yaml"));
  }
  const kubeConfig = loadFiles([options.kubeconfigPath ?? path.join(dir, "kubeconfig.yaml")]);
  const dataDir = await openTestDb();
  const adminToken = (await seedToken({ role: "admin", userName: "stream-admin" })).token;
  const viewerToken = (await seedToken({ role: "viewer", userName: "stream-viewer" })).token;
  const limits = createStreamLimits(options.limits);
  const sessions: Array<{ stats(): LogsSessionStats }> = [];
  const pods = (kc: KubeConfig) => getInformer("Pod", kc);
  const gateway = createWsGateway({
    authenticate: authenticateUpgrade,
    routes: {
      "/api/ws/logs": createLogsRoute({ kubeConfig: () => kubeConfig, pods, limits, keepaliveMs: options.keepaliveMs, highWaterBytes: options.highWaterBytes, onSession: (s) => sessions.push(s) }),
      "/api/ws/exec": createExecRoute({ kubeConfig: () => kubeConfig, pods, limits, keepaliveMs: options.keepaliveMs }),
    },
  });
  const server: BerthServer = createBerthServer({ handle: (_req, res) => res.end(), gateway, logLine: () => {} });
  const url = await server.listen(0, "127.0.0.1");
  return {
    sim,
    kubeConfig,
    url,
    adminToken,
    viewerToken,
    sessions,
    async stop() {
      await server.shutdown();
      await stopInformers();
      kubeClientsFor(kubeConfig).close();
      await sim?.stop();
      await closeTestDb(dataDir);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Creates the project namespace and a Deployment of `replicas` pods labelled for the app; waits until they run. */
export async function deployApp(env: StreamTestEnv, spec: { project: string; app: string; replicas: number; image?: string }): Promise<string[]> {
  const client = kubeClientsFor(env.kubeConfig);
  const labels = { "app.kubernetes.io/managed-by": "berth", "berth.dev/project": spec.project, "berth.dev/app": spec.app };
  await client
    .request({ method: "POST", path: "/api/v1/namespaces", body: { apiVersion: "v1", kind: "Namespace", metadata: { name: spec.project, labels } } })
    .catch((error: { code?: number }) => {
      if (error.code !== 409) throw error;
    });
  await client.request({
    method: "POST",
    path: `/apis/apps/v1/namespaces/${spec.project}/deployments`,
    body: {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: spec.app, namespace: spec.project, labels },
      spec: {
        replicas: spec.replicas,
        selector: { matchLabels: { "berth.dev/project": spec.project, "berth.dev/app": spec.app } },
        template: { metadata: { labels }, spec: { containers: [{ name: spec.app, image: spec.image ?? "nginx:1.27" }] } },
      },
    },
  });
  return waitForRunningPods(env, spec.project, spec.app, spec.replicas);
}

/** Names of the app's running pods once there are `count` of them (bounded wait). */
export async function waitForRunningPods(env: StreamTestEnv, project: string, app: string, count: number, timeoutMs = 10_000): Promise<string[]> {
  const client = kubeClientsFor(env.kubeConfig);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const list = await client.request<{ items: Array<{ metadata: { name: string; deletionTimestamp?: string }; status?: { containerStatuses?: Array<{ state?: { running?: object } }> } }> }>({
      method: "GET",
      path: `/api/v1/namespaces/${project}/pods`,
      query: { labelSelector: `berth.dev/app=${app}` },
    });
    const running = list.items.filter((p) => !p.metadata.deletionTimestamp && p.status?.containerStatuses?.every((c) => c.state?.running));
    if (running.length === count) return running.map((p) => p.metadata.name).sort();
    if (Date.now() > deadline) throw new Error(`${count} running pods of ${app} expected, ${running.length} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface TestSocket {
  ws: WebSocket;
  messages: Array<Record<string, unknown>>;
  /** Resolves with the first message matching, or rejects after `timeoutMs`. */
  waitFor(predicate: (m: Record<string, unknown>) => boolean, timeoutMs?: number, what?: string): Promise<Record<string, unknown>>;
  closed: Promise<{ code: number; reason: string }>;
  send(message: unknown): void;
}

/** Opens a socket on the test server as `token`'s user from the server's own origin. */
export function openTestSocket(env: StreamTestEnv, pathAndQuery: string, token = env.adminToken): Promise<TestSocket> {
  const ws = new WebSocket(env.url.replace(/^http/, "ws") + pathAndQuery, { headers: { authorization: `Bearer ${token}`, origin: env.url } });
  const messages: Array<Record<string, unknown>> = [];
  const waiters = new Set<() => void>();
  ws.on("message", (data) => {
    messages.push(JSON.parse(data.toString()) as Record<string, unknown>);
    for (const wake of [...waiters]) wake();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${pathAndQuery} did not open`)), 5000);
    ws.once("unexpected-response", (_req, res) => {
      clearTimeout(timer);
      let body = "";
      res.on("data", (c: Buffer) => (body += c));
      res.on("end", () => reject(Object.assign(new Error(`${res.statusCode} ${body}`), { status: res.statusCode, body })));
    });
    ws.once("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    ws.once("open", () => {
      clearTimeout(timer);
      resolve({
        ws,
        messages,
        closed,
        send: (message) => ws.send(JSON.stringify(message)),
        waitFor(predicate, timeoutMs = 5000, what = "a matching message") {
          return new Promise((res, rej) => {
            const check = () => {
              const found = messages.find(predicate);
              if (!found) return false;
              waiters.delete(wake);
              clearTimeout(t);
              res(found);
              return true;
            };
            const wake = () => void check();
            const t = setTimeout(() => {
              waiters.delete(wake);
              rej(new Error(`timed out waiting for ${what}; got ${JSON.stringify(messages.slice(-5)).slice(0, 800)}`));
            }, timeoutMs);
            waiters.add(wake);
            check();
          });
        },
      });
    });
  });
}
