import { randomUUID } from "node:crypto";
import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { format } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { WebSocket } from "ws";
import * as audit from "@/app/api/audit/route";
import * as projects from "@/app/api/projects/route";
import * as apps from "@/app/api/projects/[project]/apps/route";
import * as app from "@/app/api/projects/[project]/apps/[app]/route";
import * as deploy from "@/app/api/projects/[project]/apps/[app]/deploy/route";
import * as drift from "@/app/api/projects/[project]/apps/[app]/drift/route";
import * as revisions from "@/app/api/projects/[project]/apps/[app]/revisions/route";
import * as secretEnv from "@/app/api/projects/[project]/apps/[app]/secret-env/route";
import * as status from "@/app/api/projects/[project]/apps/[app]/status/route";
import * as statusBoard from "@/app/api/status/route";
import * as yamlLive from "@/app/api/yaml/live/route";
import * as yamlRendered from "@/app/api/yaml/rendered/route";
import { seedToken } from "@/server/auth/testing/auth-fixtures";
import { createBerthServer, type BerthServer } from "@/server/berth-server";
import { runBackup } from "@/server/cli/backup";
import { databaseFile } from "@/server/db/database-file";
import { listAppObjects } from "@/server/engine/prune-app";
import { ANNOTATION_SPEC } from "@/server/engine/render/labels";
import { openEngineFixture, type EngineFixture } from "@/server/engine/test/engine-fixture";
import type { RouteHandler } from "@/server/http/with-auth";
import { setCluster } from "@/server/kube/cluster";
import { readObject } from "@/server/kube/read-object";
import { createWsGateway } from "@/server/ws/gateway";
import { handleLiveSession, type LivePrincipal } from "@/server/ws/live-session";

/**
 * Issue 17, "never where not asked": a scenario on the simulated cluster — create an app with
 * secret env values, deploy, reveal, edit (one value kept, one changed, one rejected edit),
 * deploy again, back up — through a real Berth HTTP server and live socket, then a search for
 * every known value in everything Berth wrote or answered. Only the audited reveal and the
 * cluster's Secret may hold them; both are checked to hold them, so the search is known to work.
 */
const probe = () => `probe-${randomUUID()}`;
const SECRETS = { dbPassword: probe(), apiToken: probe(), apiTokenEdited: probe(), rejected: probe() };
const VISIBLE = `visible-${randomUUID()}`;
const KNOWN = Object.values(SECRETS);
/** How a value could appear: as itself, or base64-encoded as in a Secret's data. */
const forms = (value: string) => [value, Buffer.from(value).toString("base64")];
const findKnown = (text: string) => KNOWN.flatMap(forms).filter((form) => text.includes(form));

const ROUTES: Array<[RegExp, Record<string, unknown>]> = [
  [/^\/api\/projects$/, projects],
  [/^\/api\/projects\/(?<project>[^/]+)\/apps$/, apps],
  [/^\/api\/projects\/(?<project>[^/]+)\/apps\/(?<app>[^/]+)$/, app],
  [/^\/api\/projects\/(?<project>[^/]+)\/apps\/(?<app>[^/]+)\/deploy$/, deploy],
  [/^\/api\/projects\/(?<project>[^/]+)\/apps\/(?<app>[^/]+)\/drift$/, drift],
  [/^\/api\/projects\/(?<project>[^/]+)\/apps\/(?<app>[^/]+)\/revisions$/, revisions],
  [/^\/api\/projects\/(?<project>[^/]+)\/apps\/(?<app>[^/]+)\/secret-env$/, secretEnv],
  [/^\/api\/projects\/(?<project>[^/]+)\/apps\/(?<app>[^/]+)\/status$/, status],
  [/^\/api\/status$/, statusBoard],
  [/^\/api\/audit$/, audit],
  [/^\/api\/yaml\/live$/, yamlLive],
  [/^\/api\/yaml\/rendered$/, yamlRendered],
];

/** Next's part of the custom server, for the routes the scenario calls: Node request → route handler → Node response. */
async function serveRoutes(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
  const match = ROUTES.map(([pattern, module]) => ({ found: pattern.exec(url.pathname), module })).find((m) => m.found);
  const handler = match?.module[req.method ?? "GET"] as RouteHandler | undefined;
  if (!match || !handler) return void res.writeHead(404).end();
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = Object.entries(req.headers).filter((e): e is [string, string] => typeof e[1] === "string");
  const request = new Request(url, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
  const response = await handler(request, { params: Promise.resolve(match.found!.groups ?? {}) });
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

let fx: EngineFixture;
let berth: BerthServer;
let baseUrl: string;
let admin: string;
const logs: string[] = [];
/** Every answer but the reveal: what the browser, a script or a proxy's log could see. */
const answers: Array<{ what: string; text: string }> = [];
const reveals: string[] = [];
const socketMessages: string[] = [];
let backupFile: string;

async function api(method: string, pathname: string, body?: unknown): Promise<{ status: number; json: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(`${baseUrl}${pathname}`, {
    method,
    headers: { authorization: `Bearer ${admin}`, ...(body === undefined ? {} : { "content-type": "application/json", origin: baseUrl }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const headers = JSON.stringify([...res.headers]);
  if (pathname.endsWith("/secret-env")) reveals.push(text);
  else answers.push({ what: `${method} ${pathname} → ${res.status}`, text: headers + text });
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

function captureLogs(): void {
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logs.push(format(...args)));
  }
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, "write").mockImplementation(((chunk: unknown) => {
      logs.push(String(chunk));
      return true;
    }) as typeof stream.write);
  }
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  captureLogs();
  fx = await openEngineFixture();
  setCluster({ source: "sim", origin: fx.cluster.dir, kubeConfig: fx.cluster.kubeConfig, isSimulated: true });
  admin = (await seedToken({ role: "admin" })).token;
  const gateway = createWsGateway<LivePrincipal>({
    authenticate: async () => ({ ok: true, principal: { userName: "admin-user", role: "admin" } }),
    routes: { "/api/ws/live": (socket, _req, principal) => handleLiveSession(socket, principal) },
  });
  // Request log lines go to stdout as in server/main.ts, so the capture sees them.
  berth = createBerthServer({ handle: (req, res) => void serveRoutes(req, res), gateway });
  baseUrl = await berth.listen(0, "127.0.0.1");

  const socket = new WebSocket(`${baseUrl.replace(/^http/, "ws")}/api/ws/live`);
  socket.on("message", (data) => socketMessages.push(data.toString()));
  await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));

  expect((await api("POST", "/api/projects", { name: "vault" })).status).toBe(201);
  const spec = {
    name: "web",
    image: "nginx:1.27",
    port: 80,
    env: [{ name: "MODE", value: VISIBLE }],
    secretEnv: [{ name: "DB_PASSWORD", value: SECRETS.dbPassword }, { name: "API_TOKEN", value: SECRETS.apiToken }],
  };
  expect((await api("POST", "/api/projects/vault/apps", spec)).status).toBe(201);
  expect((await api("POST", "/api/projects/vault/apps/web/deploy?wait=true")).json.operation.status).toBe("succeeded");
  await until(async () => (await api("GET", "/api/projects/vault/apps/web/status")).json.health === "Healthy", "the app to become Healthy");
  expect((await api("GET", "/api/projects/vault/apps/web/secret-env")).status).toBe(200);

  const current = (await api("GET", "/api/projects/vault/apps/web")).json.spec;
  const rejected = await api("PUT", "/api/projects/vault/apps/web", { ...current, port: 70000, secretEnv: [{ name: "DB_PASSWORD", value: SECRETS.rejected }] });
  expect(rejected.status).toBe(400);
  const edited = { ...current, secretEnv: [{ name: "DB_PASSWORD" }, { name: "API_TOKEN", value: SECRETS.apiTokenEdited }] };
  expect((await api("PUT", "/api/projects/vault/apps/web", edited)).status).toBe(200);
  expect((await api("POST", "/api/projects/vault/apps/web/deploy?wait=true")).json.operation.status).toBe("succeeded");
  expect((await api("GET", "/api/projects/vault/apps/web/secret-env")).status).toBe(200);

  for (const pathname of ["/api/projects/vault/apps", "/api/projects/vault/apps/web", "/api/projects/vault/apps/web/revisions", "/api/projects/vault/apps/web/drift", "/api/status", "/api/audit"]) {
    expect((await api("GET", pathname)).status).toBe(200);
  }
  expect((await api("GET", "/api/yaml/live?project=vault&app=web&full=true")).status).toBe(200);
  expect((await api("GET", "/api/yaml/rendered?project=vault&app=web")).status).toBe(200);

  backupFile = path.join(fx.dataDir, "backups", "berth-backup.db");
  expect(await runBackup([backupFile], { out: (line) => logs.push(line), err: (line) => logs.push(line), env: { ...process.env, BERTH_DATA_DIR: fx.dataDir } })).toBe(0);
  await until(() => socketMessages.some((m) => m.includes('"app-status"') && m.includes('"Healthy"')), "a Healthy app-status on the live socket");
  socket.close();
}, 120_000);

afterAll(async () => {
  await berth?.shutdown();
  await fx?.close();
  vi.restoreAllMocks();
});

describe("secret values are never where they were not asked for", () => {
  it("the audited reveal shows them, and the cluster's Secret holds them (so the search below can find them)", async () => {
    expect(reveals[0]).toContain(SECRETS.dbPassword);
    expect(reveals[0]).toContain(SECRETS.apiToken);
    expect(reveals[1]).toContain(SECRETS.apiTokenEdited);
    const secret = await readObject(fx.cluster.kubeConfig, { apiVersion: "v1", kind: "Secret", namespace: "vault", name: "web-env" });
    expect(JSON.stringify(secret)).toContain(Buffer.from(SECRETS.apiTokenEdited).toString("base64"));
    expect(JSON.stringify(secret)).toContain(Buffer.from(SECRETS.dbPassword).toString("base64"));
  });

  it("not in the raw bytes of the database file, its write-ahead log, or the backup", () => {
    const files = [databaseFile(fx.dataDir), `${databaseFile(fx.dataDir)}-wal`, backupFile].filter((file) => fs.existsSync(file));
    const bytes = files.map((file) => fs.readFileSync(file).toString("latin1"));
    expect(bytes.join("")).toContain(VISIBLE);
    for (const [index, text] of bytes.entries()) expect(findKnown(text), files[index]).toEqual([]);
  });

  it("not in any line Berth logged during the scenario", () => {
    expect(logs.some((line) => line.includes('"msg":"request"'))).toBe(true);
    expect(logs.filter((line) => findKnown(line).length > 0)).toEqual([]);
  });

  it("not in any API answer except the reveal, nor in the rejected edit's error", () => {
    expect(answers.length).toBeGreaterThan(15);
    expect(answers.some((a) => a.text.includes(VISIBLE))).toBe(true);
    expect(answers.filter((a) => findKnown(a.text).length > 0).map((a) => a.what)).toEqual([]);
  });

  it("not in the live socket's messages", () => {
    expect(socketMessages.length).toBeGreaterThan(0);
    expect(socketMessages.filter((m) => findKnown(m).length > 0)).toEqual([]);
  });

  it("not in the berth.dev/spec annotation, nor anywhere in the app's objects but its Secret", async () => {
    const objects = await listAppObjects(fx.cluster.kubeConfig, "vault", "web");
    const deployment = objects.find((o) => o.kind === "Deployment")!;
    const annotation = deployment.metadata.annotations?.[ANNOTATION_SPEC] ?? "";
    expect(annotation).toContain('"API_TOKEN"');
    expect(annotation).toContain(VISIBLE);
    expect(findKnown(annotation)).toEqual([]);
    const others = objects.filter((o) => o.kind !== "Secret");
    expect(others.map((o) => o.kind).sort()).toEqual(["Deployment", "Service"]);
    expect(findKnown(JSON.stringify(others))).toEqual([]);
  });
});

/**
 * The browser bundles exist only after `npm run build` (which `npm test` runs before the unit
 * tests): then no bundle may carry the secret box, its key handling or a known value.
 */
const STATIC_DIR = path.resolve(import.meta.dirname, "../../.next/static");
describe.runIf(fs.existsSync(STATIC_DIR))("the client bundles in .next/static", () => {
  it("hold no secret value and none of the server's key handling", () => {
    const files = (fs.readdirSync(STATIC_DIR, { recursive: true }) as string[]).map((f) => path.join(STATIC_DIR, f)).filter((f) => fs.statSync(f).isFile());
    expect(files.length).toBeGreaterThan(0);
    const offenders = files.filter((file) => {
      const text = fs.readFileSync(file, "latin1");
      return findKnown(text).length > 0 || text.includes("aes-256-gcm") || text.includes("berth secret key id") || text.includes("BERTH_SECRET_KEY");
    });
    expect(offenders).toEqual([]);
  });
});
