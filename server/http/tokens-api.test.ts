import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { GET as listTokens, POST as createToken } from "@/app/api/tokens/route";
import { DELETE as revokeToken } from "@/app/api/tokens/[id]/route";
import { GET as getAudit } from "@/app/api/audit/route";
import { GET as getSession, POST as postSession } from "@/app/api/session/route";
import { getDb } from "@/server/db/client";
import { loginFailures } from "@/server/auth/login-rate-limit";
import { closeTestDb, openTestDb, seedToken } from "@/server/auth/testing/auth-fixtures";
import { callRoute, routeRequest, sessionCookieFrom, TEST_ORIGIN } from "@/server/http/testing/route-request";
import type { ApiTokenList, CreatedApiToken } from "@/lib/dto/token";
import type { AuditPage } from "@/lib/dto/audit";
import { parseToken } from "@/server/auth/token-format";

let dataDir: string;
let admin: string;
let viewer: string;

beforeAll(async () => {
  dataDir = await openTestDb();
  admin = (await seedToken({ role: "admin", userName: "root" })).token;
  viewer = (await seedToken({ role: "viewer", userName: "watcher" })).token;
});
afterAll(() => closeTestDb(dataDir));
beforeEach(() => loginFailures.reset());

const create = (bearer: string, body: unknown) =>
  callRoute(createToken, routeRequest("/api/tokens", { method: "POST", bearer, body }));

describe("API tokens", () => {
  test("an admin creates a token: 201 with the value once; the list never shows it or its hash", async () => {
    const res = await create(admin, { name: "ci deploys", role: "viewer", expiresInDays: 30 });
    expect(res.status).toBe(201);
    const created = (await res.json()) as CreatedApiToken;
    expect(created).toMatchObject({ name: "ci deploys", role: "viewer", userName: "root", revoked: false });
    expect(created.token).toMatch(/^berth_[a-z0-9]{8}_/);
    expect(new Date(created.expiresAt!).getTime() - Date.now()).toBeGreaterThan(29.9 * 86_400_000);

    const listed = await callRoute(listTokens, routeRequest("/api/tokens", { bearer: admin }));
    const text = await listed.text();
    expect(text).toContain("ci deploys");
    expect(text).not.toContain(parseToken(created.token)!.secret);
    expect(text).not.toContain("scrypt$");
    const me = await callRoute(getSession, routeRequest("/api/session", { bearer: created.token }));
    expect(await me.json()).toMatchObject({ role: "viewer", via: "token", user: { name: "root" } });
  });

  test("a viewer can list only their own tokens and cannot create or revoke any", async () => {
    const list = (await (await callRoute(listTokens, routeRequest("/api/tokens", { bearer: viewer }))).json()) as ApiTokenList;
    expect(list.tokens.map((t) => t.userName)).toEqual(["watcher"]);
    const before = await getDb().apiToken.count();
    const res = await create(viewer, { name: "sneaky", role: "admin" });
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(/needs the admin role; you are signed in as a viewer/);
    const target = await getDb().apiToken.findFirstOrThrow({ where: { user: { name: "root" } } });
    const del = await callRoute(revokeToken, routeRequest(`/api/tokens/${target.id}`, { method: "DELETE", bearer: viewer }), { id: target.id });
    expect(del.status).toBe(403);
    expect(await getDb().apiToken.count()).toBe(before);
    expect((await getDb().apiToken.findUniqueOrThrow({ where: { id: target.id } })).revokedAt).toBeNull();
  });

  test("an admin token with a viewer role cannot mint an admin token", async () => {
    const weak = (await (await create(admin, { name: "read only", role: "viewer" })).json()) as CreatedApiToken;
    expect((await create(weak.token, { name: "escalate", role: "admin" })).status).toBe(403);
  });

  test("bad bodies get 400 naming the field, and no token is written", async () => {
    const before = await getDb().apiToken.count();
    const cases: Array<[unknown, RegExp]> = [
      [{ name: "x", role: "root" }, /role: expected "admin", "viewer" or "deployer"/],
      [{ name: 7, role: "viewer" }, /name: expected a string/],
      [{ name: "x", role: "viewer", scopes: ["all"] }, /scopes: unknown field/],
      [{ name: "x", role: "viewer", expiresInDays: 1.5 }, /expiresInDays: expected a whole number/],
      [{ role: "viewer" }, /name: required/],
    ];
    for (const [body, message] of cases) {
      const res = await create(admin, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).error.message).toMatch(message);
    }
    expect(await getDb().apiToken.count()).toBe(before);
  });

  test("revoking a token stops it at once and signs out the sessions it opened", async () => {
    const created = (await (await create(admin, { name: "laptop", role: "admin" })).json()) as CreatedApiToken;
    const login = await callRoute(postSession, routeRequest("/api/session", { method: "POST", body: { token: created.token }, origin: TEST_ORIGIN }));
    const cookie = sessionCookieFrom(login)!;
    expect((await callRoute(getSession, routeRequest("/api/session", { cookie }))).status).toBe(200);

    const res = await callRoute(revokeToken, routeRequest(`/api/tokens/${created.id}`, { method: "DELETE", bearer: admin }), { id: created.id });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: created.id, revoked: true });
    expect((await callRoute(getSession, routeRequest("/api/session", { bearer: created.token }))).status).toBe(401);
    expect((await callRoute(getSession, routeRequest("/api/session", { cookie }))).status).toBe(401);

    const missing = await callRoute(revokeToken, routeRequest("/api/tokens/nope", { method: "DELETE", bearer: admin }), { id: "nope" });
    expect(missing.status).toBe(404);
  });

  test("a cookie-authenticated token creation needs a same-origin Origin", async () => {
    const login = await callRoute(postSession, routeRequest("/api/session", { method: "POST", body: { token: admin }, origin: TEST_ORIGIN }));
    const cookie = sessionCookieFrom(login)!;
    const body = { name: "from the browser", role: "viewer" };
    const forged = await callRoute(createToken, routeRequest("/api/tokens", { method: "POST", cookie, body, origin: "https://evil.example" }));
    expect(forged.status).toBe(403);
    expect(await getDb().apiToken.count({ where: { name: "from the browser" } })).toBe(0);
    const ok = await callRoute(createToken, routeRequest("/api/tokens", { method: "POST", cookie, body, origin: TEST_ORIGIN }));
    expect(ok.status).toBe(201);
  });
});

describe("GET /api/audit", () => {
  test("admins page through the log newest first; viewers are refused; no secret is in it", async () => {
    expect((await callRoute(getAudit, routeRequest("/api/audit", { bearer: viewer }))).status).toBe(403);
    const total = await getDb().auditEvent.count();
    expect(total).toBeGreaterThan(3);

    const seen: AuditPage["events"] = [];
    let before: string | null = null;
    for (let page = 0; page < 50; page++) {
      const qs: string = `?limit=2${before ? `&before=${before}` : ""}`;
      const res = await callRoute(getAudit, routeRequest(`/api/audit${qs}`, { bearer: admin }));
      const body = (await res.json()) as AuditPage;
      seen.push(...body.events);
      before = body.nextBefore;
      if (!before) break;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((e) => e.id)).size).toBe(total);
    const times = seen.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(seen.map((e) => e.action)).toEqual(expect.arrayContaining(["token.create", "token.revoke", "login.success"]));
    expect(JSON.stringify(seen)).not.toMatch(/berth_[a-z0-9]{8}_[A-Za-z0-9_-]{10}/);

    const bad = await callRoute(getAudit, routeRequest("/api/audit?limit=1000&color=red", { bearer: admin }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/limit: at most 200.*color: unknown field|color: unknown field.*limit: at most 200/);
  });
});
