import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loginFailures } from "@/server/auth/login-rate-limit";
import { authenticateUpgrade } from "@/server/ws/authenticate-upgrade";
import { createSession } from "@/server/auth/sessions";
import { closeTestDb, openTestDb, seedToken } from "@/server/auth/testing/auth-fixtures";
import { deployerRuleOf, guardKindOf } from "@/server/http/with-auth";
import { findRoutes, handlersOf, MUTATING } from "@/server/http/testing/find-routes";
import { tableCounts } from "@/server/http/testing/table-counts";
import { routeRequest, TEST_ORIGIN } from "@/server/http/testing/route-request";
import { probeUpgrade } from "@/server/http/testing/probe-upgrade";
import { createBerthServer, type BerthServer } from "@/server/berth-server";
import { createWsGateway } from "@/server/ws/gateway";
import { WS_PATHS } from "@/server/ws/paths";
import { liveRoute } from "@/server/ws/live-session";
import { createLogsRoute } from "@/server/ws/logs-route";
import { createExecRoute } from "@/server/ws/exec-session";
import { createStreamLimits } from "@/server/ws/stream-limits";

/**
 * Every route handler in the app must go through the one guard. The routes are found on disk,
 * so a route added later is covered without anyone editing this file.
 */

/** The only handler that answers without prior sign-in: logging in. */
const PUBLIC_API = new Set(["POST /api/session"]);
/** What a viewer may still mutate: their own session (logging out). */
const VIEWER_MUTATIONS = new Set(["DELETE /api/session"]);
/**
 * What a deploy token may call (within its scope), and nothing more: deploy (with an image),
 * roll back, restart, and read status, revisions, logs and operations. The project list answers
 * it too, showing only its scope (proven in deploy-tokens-api.test.ts).
 */
const DEPLOYER_ROUTES = [
  "GET /api/projects",
  "GET /api/projects/[project]/apps/[app]/logs/download",
  "GET /api/projects/[project]/apps/[app]/revisions",
  "GET /api/projects/[project]/apps/[app]/status",
  "GET /api/projects/[project]/operations/[id]",
  "POST /api/projects/[project]/apps/[app]/deploy",
  "POST /api/projects/[project]/apps/[app]/restart",
  "POST /api/projects/[project]/apps/[app]/rollback",
];
/** The deploy token's scope in these tests; "dummy" fills every other segment. */
const SCOPE = { project: "ci-scope", app: "web" };
/** Routes outside /api that are public by design: probes for Kubernetes, revealing nothing. */
const PUBLIC_OUTSIDE_API = new Set(["/healthz", "/readyz"]);

const routes = findRoutes();
const apiRoutes = routes.filter((r) => r.pattern === "/api" || r.pattern.startsWith("/api/"));
let dataDir: string;
let viewer: string;
let deployer: string;

beforeAll(async () => {
  dataDir = await openTestDb();
  viewer = (await seedToken({ role: "viewer" })).token;
  deployer = (await seedToken({ role: "deployer", scope: SCOPE })).token;
});
afterAll(() => closeTestDb(dataDir));

describe("every route handler goes through the guard", () => {
  test("the route list is found on disk and includes the auth API", () => {
    expect(apiRoutes.map((r) => r.pattern)).toEqual(expect.arrayContaining(["/api/session", "/api/tokens", "/api/tokens/[id]", "/api/audit"]));
  });

  test("every exported handler was built by withAuth, and only login is public", async () => {
    for (const route of routes) {
      const isApi = apiRoutes.includes(route);
      if (!isApi && PUBLIC_OUTSIDE_API.has(route.pattern)) continue;
      const handlers = await handlersOf(route);
      expect(handlers.length, `${route.file} exports no HTTP method`).toBeGreaterThan(0);
      for (const [method, handler] of handlers) {
        const key = `${method} ${route.pattern}`;
        const expected = PUBLIC_API.has(key) ? "public" : "auth";
        expect(guardKindOf(handler), `${key} must be wrapped by ${expected === "public" ? "withPublic" : "withAuth"}`).toBe(expected);
      }
    }
  });

  test("without credentials every API handler answers 401", async () => {
    const before = await tableCounts();
    for (const route of apiRoutes) {
      for (const [method, handler] of await handlersOf(route)) {
        const key = `${method} ${route.pattern}`;
        if (PUBLIC_API.has(key)) continue;
        const req = routeRequest(route.urlPath, { method, origin: TEST_ORIGIN, ...(MUTATING.has(method) ? { body: {} } : {}) });
        const res = await handler(req, { params: Promise.resolve(route.params) });
        expect(res.status, key).toBe(401);
        expect((await res.json()).error.code, key).toBe("unauthenticated");
      }
    }
    expect(await tableCounts()).toEqual(before);
  });

  test("login, the one public route, answers 400 without a token and 401 with a wrong one", async () => {
    loginFailures.reset();
    const { POST } = await import("@/app/api/session/route");
    const missing = await POST(routeRequest("/api/session", { method: "POST", body: {}, origin: TEST_ORIGIN }), { params: Promise.resolve({}) });
    expect(missing.status).toBe(400);
    const wrong = await POST(routeRequest("/api/session", { method: "POST", body: { token: "berth_nope" }, origin: TEST_ORIGIN }), { params: Promise.resolve({}) });
    expect(wrong.status).toBe(401);
    loginFailures.reset();
  });

  test("a viewer gets 403 from every mutating handler (except logging out), and nothing is written", async () => {
    const before = await tableCounts();
    for (const route of apiRoutes) {
      for (const [method, handler] of await handlersOf(route)) {
        const key = `${method} ${route.pattern}`;
        if (!MUTATING.has(method) || PUBLIC_API.has(key) || VIEWER_MUTATIONS.has(key)) continue;
        const req = routeRequest(route.urlPath, { method, bearer: viewer, body: {} });
        const res = await handler(req, { params: Promise.resolve(route.params) });
        expect(res.status, key).toBe(403);
        expect((await res.json()).error.code, key).toBe("forbidden");
      }
    }
    expect(await tableCounts()).toEqual(before);
  });
});

describe("a deploy token reaches only what it may do, and only in its scope", () => {
  const inScope = findRoutes((name) => (name === "project" ? SCOPE.project : name === "app" ? SCOPE.app : "dummy")).filter((r) => r.pattern.startsWith("/api"));

  async function callAs(token: string, route: (typeof apiRoutes)[number], method: string) {
    const req = routeRequest(route.urlPath, { method, bearer: token, ...(MUTATING.has(method) ? { body: {} } : {}) });
    const res = await (await handlersOf(route)).find(([m]) => m === method)![1](req, { params: Promise.resolve(route.params) });
    return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } } };
  }

  test("the routes that let a deploy token in are exactly the deploy, rollback, restart and read routes", async () => {
    const opened: string[] = [];
    for (const route of apiRoutes) {
      for (const [method, handler] of await handlersOf(route)) if (deployerRuleOf(handler) !== undefined) opened.push(`${method} ${route.pattern}`);
    }
    expect(opened.sort()).toEqual([...DEPLOYER_ROUTES].sort());
  });

  test("outside its scope every API handler answers 403 with a sentence naming the scope, and nothing is written", async () => {
    const before = await tableCounts();
    for (const route of apiRoutes) {
      for (const [method] of await handlersOf(route)) {
        const key = `${method} ${route.pattern}`;
        if (PUBLIC_API.has(key) || key === "GET /api/projects") continue;
        const res = await callAs(deployer, route, method);
        expect(res.status, key).toBe(403);
        expect(res.body.error?.code, key).toBe("forbidden");
        const sentence = DEPLOYER_ROUTES.includes(key) ? 'works only for app "web" of project "ci-scope"' : "A deploy token may only deploy, roll back, restart";
        expect(res.body.error?.message, key).toContain(sentence);
      }
    }
    expect(await tableCounts()).toEqual(before);
  });

  test("in its scope, everything it may never do still answers 403: spec edits, deletes, secrets, YAML, tokens, audit", async () => {
    const before = await tableCounts();
    let refused = 0;
    for (const route of inScope) {
      for (const [method] of await handlersOf(route)) {
        const key = `${method} ${route.pattern}`;
        if (PUBLIC_API.has(key) || DEPLOYER_ROUTES.includes(key)) continue;
        const res = await callAs(deployer, route, method);
        expect(res.status, key).toBe(403);
        expect(res.body.error?.message, key).toContain("A deploy token may only deploy");
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(20);
    expect(await tableCounts()).toEqual(before);
  });

  test("a deploy token cannot be exchanged for a browser session", async () => {
    const { POST } = await import("@/app/api/session/route");
    const res = await POST(routeRequest("/api/session", { method: "POST", body: { token: deployer }, origin: TEST_ORIGIN }), { params: Promise.resolve({}) });
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toContain("A deploy token is for CI jobs");
    expect(res.headers.get("set-cookie")).toBeNull();
  });
});

describe("every WebSocket path goes through the upgrade guard", () => {
  let server: BerthServer;
  let url: string;
  let cookie: string;

  beforeAll(async () => {
    const { tokenId, userId } = await seedToken({ role: "admin", userName: "ws-admin" });
    const session = await createSession({ userId, role: "admin", tokenId, tokenExpiresAt: null });
    cookie = `berth_session=${session.cookieValue}`;
    const gateway = createWsGateway({
      authenticate: authenticateUpgrade,
      routes: Object.fromEntries(WS_PATHS.map((p) => [p, (socket: { close: (code: number) => void }) => socket.close(1000)])),
    });
    server = createBerthServer({ handle: (_req, res) => res.end(), gateway, logLine: () => {} });
    url = await server.listen(0, "127.0.0.1");
  });
  afterAll(() => server?.shutdown());

  test("the list of WebSocket paths is not empty", () => {
    expect(WS_PATHS.length).toBeGreaterThan(0);
  });

  test("each path: 401 without credentials, 403 from another origin, open for a same-origin session", async () => {
    const sameOrigin = url;
    for (const wsPath of WS_PATHS) {
      expect(await probeUpgrade(url, wsPath, { origin: sameOrigin }), `${wsPath} without credentials`).toBe(401);
      expect(await probeUpgrade(url, wsPath, { origin: "https://evil.example", cookie }), `${wsPath} cross-site`).toBe(403);
      expect(await probeUpgrade(url, wsPath, { cookie }), `${wsPath} without Origin`).toBe(403);
      expect(await probeUpgrade(url, wsPath, { origin: sameOrigin, cookie }), `${wsPath} same-origin session`).toBe(101);
    }
  });
});

describe("the sockets' own checks let a deploy token read its app's logs and nothing else (no database's)", () => {
  let server: BerthServer;
  let url: string;

  beforeAll(async () => {
    const noCluster = { kubeConfig: () => undefined, pods: () => { throw new Error("these sessions never reach a cluster"); }, limits: createStreamLimits() };
    const gateway = createWsGateway({
      authenticate: authenticateUpgrade,
      routes: { "/api/ws/live": liveRoute, "/api/ws/logs": createLogsRoute(noCluster), "/api/ws/exec": createExecRoute(noCluster) },
    });
    server = createBerthServer({ handle: (_req, res) => res.end(), gateway, logLine: () => {} });
    url = await server.listen(0, "127.0.0.1");
  });
  afterAll(() => server?.shutdown());

  test("logs: open for its app, 403 for another app or project; exec and live: 403 even in scope", async () => {
    const as = { origin: url, authorization: `Bearer ${deployer}` };
    expect(await probeUpgrade(url, `/api/ws/logs?project=${SCOPE.project}&app=${SCOPE.app}`, as), "logs in scope").toBe(101);
    expect(await probeUpgrade(url, `/api/ws/logs?project=${SCOPE.project}&app=other`, as), "logs of another app").toBe(403);
    expect(await probeUpgrade(url, `/api/ws/logs?project=other&app=${SCOPE.app}`, as), "logs of another project").toBe(403);
    expect(await probeUpgrade(url, `/api/ws/exec?project=${SCOPE.project}&app=${SCOPE.app}`, as), "exec in scope").toBe(403);
    expect(await probeUpgrade(url, `/api/ws/logs?project=${SCOPE.project}&database=pg`, as), "a database's logs in its project").toBe(403);
    expect(await probeUpgrade(url, `/api/ws/exec?project=${SCOPE.project}&database=pg`, as), "a database's terminal").toBe(403);
    expect(await probeUpgrade(url, "/api/ws/live", as), "live").toBe(403);
    const asViewer = { origin: url, authorization: `Bearer ${viewer}` };
    expect(await probeUpgrade(url, `/api/ws/logs?project=other&app=${SCOPE.app}`, asViewer), "a viewer's logs anywhere").toBe(101);
    expect(await probeUpgrade(url, `/api/ws/logs?project=other&database=pg`, asViewer), "a viewer's database logs").toBe(101);
    expect(await probeUpgrade(url, `/api/ws/exec?project=other&database=pg`, asViewer), "a viewer's database terminal").toBe(403);
    expect(await probeUpgrade(url, "/api/ws/live", asViewer), "a viewer's live socket").toBe(101);
  });
});
