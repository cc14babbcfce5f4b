import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import * as projects from "@/app/api/projects/route";
import * as apps from "@/app/api/projects/[project]/apps/route";
import * as deploy from "@/app/api/projects/[project]/apps/[app]/deploy/route";
import * as revisions from "@/app/api/projects/[project]/apps/[app]/revisions/route";
import * as scale from "@/app/api/projects/[project]/apps/[app]/scale/route";
import * as secretEnv from "@/app/api/projects/[project]/apps/[app]/secret-env/route";
import * as statusBoard from "@/app/api/status/route";
import type { LiveServerMessage } from "@/lib/ws-protocol";
import { listAudit } from "@/server/auth/audit";
import { seedToken } from "@/server/auth/testing/auth-fixtures";
import { createBerthServer, type BerthServer } from "@/server/berth-server";
import { openEngineFixture, type EngineFixture } from "@/server/engine/test/engine-fixture";
import { setCluster } from "@/server/kube/cluster";
import { callJson, type JsonCallOptions } from "@/server/http/testing/route-request";
import type { RouteHandler } from "@/server/http/with-auth";
import { createWsGateway } from "@/server/ws/gateway";
import { handleLiveSession, type LivePrincipal } from "@/server/ws/live-session";

/**
 * Live updates end to end: the real live session and the process fan-out on the simulated
 * cluster, with the REST routes the dashboard's status page and Environment tab call.
 */
let fx: EngineFixture;
let admin: string;
let viewer: string;
let berth: BerthServer;
let url: string;

beforeAll(async () => {
  fx = await openEngineFixture();
  setCluster({ source: "sim", origin: fx.cluster.dir, kubeConfig: fx.cluster.kubeConfig, isSimulated: true });
  admin = (await seedToken({ role: "admin" })).token;
  viewer = (await seedToken({ role: "viewer" })).token;
  const gateway = createWsGateway<LivePrincipal>({
    authenticate: async () => ({ ok: true, principal: { userName: "test", role: "viewer" } }),
    routes: { "/api/ws/live": (socket, _req, principal) => handleLiveSession(socket, principal) },
  });
  berth = createBerthServer({ handle: (_req, res) => res.writeHead(404).end(), gateway, logLine: () => {} });
  url = `${(await berth.listen(0, "127.0.0.1")).replace(/^http/, "ws")}/api/ws/live`;
}, 60_000);
afterAll(async () => {
  await berth?.shutdown();
  await fx?.close();
});

const call = (handler: RouteHandler, path: string, opts: Partial<JsonCallOptions> = {}) => callJson(handler, path, { ...opts, bearer: opts.bearer ?? admin });

function openClient(): Promise<{ ws: WebSocket; messages: LiveServerMessage[] }> {
  const ws = new WebSocket(url);
  const messages: LiveServerMessage[] = [];
  ws.on("message", (data) => messages.push(JSON.parse(data.toString()) as LiveServerMessage));
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve({ ws, messages }));
    ws.once("error", reject);
  });
}

async function until(check: () => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("live updates", () => {
  it("pushes the app's recomputed status to every open socket as a deploy rolls out, ending Healthy", async () => {
    expect((await call(projects.POST, "/api/projects", { method: "POST", body: { name: "live" } })).status).toBe(201);
    const body = { name: "web", image: "nginx:1.27", port: 80, secretEnv: [{ name: "TOKEN", value: "s3cret" }] };
    expect((await call(apps.POST, "/api/projects/live/apps", { method: "POST", params: { project: "live" }, body })).status).toBe(201);
    const clients = await Promise.all([openClient(), openClient(), openClient()]);
    try {
      await until(() => clients.every((c) => c.messages.some((m) => m.type === "hello")), 5000, "hello");
      const deployed = await call(deploy.POST, "/api/projects/live/apps/web/deploy", { method: "POST", params: { project: "live", app: "web" } });
      expect(deployed.status).toBe(202);
      const isHealthy = (m: LiveServerMessage) => m.type === "app-status" && m.project === "live" && m.app === "web" && m.status.health === "Healthy";
      await until(() => clients.every((c) => c.messages.some(isHealthy)), 20_000, "Healthy on every socket");
      const healthy = clients[0].messages.find(isHealthy);
      expect(healthy).toMatchObject({ status: { replicas: { desired: 1, ready: 1 } } });
    } finally {
      for (const c of clients) c.ws.close();
    }
  }, 40_000);

  it("pushes a deploy's progress and then its revision with the outcome the revisions route answers", async () => {
    const client = await openClient();
    try {
      await until(() => client.messages.some((m) => m.type === "hello"), 5000, "hello");
      const scaled = await call(scale.POST, "/api/projects/live/apps/web/scale", { method: "POST", params: { project: "live", app: "web" }, body: { replicas: 2 } });
      expect(scaled.body.revision).toMatchObject({ number: 2, outcome: "pending" });
      const isOutcome = (m: LiveServerMessage) => m.type === "revision" && m.project === "live" && m.app === "web" && m.revision.number === 2;
      await until(() => client.messages.some(isOutcome), 20_000, "revision 2's outcome");
      // Revision 1 of the test above may still be settling: its outcome can arrive first.
      const ofWeb = client.messages.filter((m) => (m.type === "revision" && m.revision.number === 2) || (m.type === "revision-progress" && m.app === "web"));
      expect(ofWeb[0]).toMatchObject({ type: "revision-progress", message: expect.any(String) });
      const outcome = ofWeb.find(isOutcome);
      expect(outcome).toMatchObject({ revision: { number: 2, outcome: "succeeded" } });
      const listed = await call(revisions.GET, "/api/projects/live/apps/web/revisions", { params: { project: "live", app: "web" } });
      expect(listed.body.revisions[0]).toEqual(outcome?.type === "revision" ? outcome.revision : undefined);
    } finally {
      client.ws.close();
    }
  }, 40_000);

  it("lists every app with its status and last deploy for the status page", async () => {
    const board = await call(statusBoard.GET, "/api/status", { bearer: viewer });
    expect(board.status).toBe(200);
    const entry = board.body.apps.find((a: { project: string; app: string }) => a.project === "live" && a.app === "web");
    expect(entry).toMatchObject({ image: "nginx:1.27", status: { health: "Healthy" } });
    expect(Date.parse(entry.lastDeployAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("lists the latest deploys newest first with who, when and the outcome the revisions route answers", async () => {
    const board = await call(statusBoard.GET, "/api/status", { bearer: viewer });
    const listed = await call(revisions.GET, "/api/projects/live/apps/web/revisions", { params: { project: "live", app: "web" } });
    const [second, first] = listed.body.revisions;
    const pick = ({ number, outcome, message, actor, createdAt, finishedAt }: Record<string, unknown>) => ({ number, outcome, message, actor, createdAt, finishedAt });
    expect(board.body.latestDeploys.slice(0, 2)).toEqual([
      { project: "live", app: "web", ...pick(second) },
      { project: "live", app: "web", ...pick(first) },
    ]);
    expect(board.body.latestDeploys[0]).toMatchObject({ number: 2, outcome: "succeeded", actor: expect.stringMatching(/\S/) });
  });

  it("reveals secret values only to admins, and writes each reveal to the audit log without the values", async () => {
    const params = { project: "live", app: "web" };
    expect((await call(secretEnv.GET, "/api/projects/live/apps/web/secret-env", { params, bearer: viewer })).status).toBe(403);
    const revealed = await call(secretEnv.GET, "/api/projects/live/apps/web/secret-env", { params });
    expect(revealed.body).toEqual({ secretEnv: [{ name: "TOKEN", value: "s3cret" }] });
    const audit = await listAudit({ limit: 5 });
    const row = audit.events.find((e) => e.action === "app.secret_env.reveal");
    expect(row).toMatchObject({ target: "live/web" });
    expect(JSON.stringify(audit)).not.toContain("s3cret");
  });
});
