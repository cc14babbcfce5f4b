import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { z } from "zod";
import { getDb } from "@/server/db/client";
import { loginFailures } from "@/server/auth/login-rate-limit";
import { createSession } from "@/server/auth/sessions";
import { closeTestDb, openTestDb, seedToken } from "@/server/auth/testing/auth-fixtures";
import { withAuth } from "@/server/http/with-auth";
import { callRoute, routeRequest, TEST_ORIGIN } from "@/server/http/testing/route-request";

let dataDir: string;
let admin: { token: string; tokenId: string; userId: string };
let viewer: { token: string; tokenId: string; userId: string };

beforeAll(async () => {
  dataDir = await openTestDb();
  admin = await seedToken({ role: "admin", userName: "root" });
  viewer = await seedToken({ role: "viewer", userName: "watcher" });
});
afterAll(() => closeTestDb(dataDir));
beforeEach(() => loginFailures.reset());
afterEach(() => vi.restoreAllMocks());

const whoAmI = withAuth(({ principal }) => Response.json({ name: principal.userName, role: principal.role, via: principal.via }));
const mutate = withAuth(() => Response.json({ done: true }));

describe("authentication", () => {
  test("Bearer comes first; a malformed Authorization header is refused, not ignored in favour of the cookie", async () => {
    const session = await createSession({ userId: admin.userId, role: "admin", tokenId: admin.tokenId, tokenExpiresAt: null });
    const cookie = `berth_session=${session.cookieValue}`;
    const viaBearer = await callRoute(whoAmI, routeRequest("/x", { bearer: viewer.token, cookie }));
    expect(await viaBearer.json()).toEqual({ name: "watcher", role: "viewer", via: "token" });
    const basic = await callRoute(whoAmI, routeRequest("/x", { cookie, headers: { authorization: "Basic YWRtaW46YWRtaW4=" } }));
    expect(basic.status).toBe(401);
    expect((await basic.json()).error.message).toMatch(/must be `Bearer <token>`/);
  });

  test("expired and revoked tokens get 401", async () => {
    const expired = await seedToken({ role: "admin", userName: "root", expiresAt: new Date(Date.now() - 1000) });
    expect((await callRoute(whoAmI, routeRequest("/x", { bearer: expired.token }))).status).toBe(401);
    const revoked = await seedToken({ role: "admin", userName: "root" });
    expect((await callRoute(whoAmI, routeRequest("/x", { bearer: revoked.token }))).status).toBe(200);
    await getDb().apiToken.update({ where: { id: revoked.tokenId }, data: { revokedAt: new Date() } });
    expect((await callRoute(whoAmI, routeRequest("/x", { bearer: revoked.token }))).status).toBe(401);
  });

  test("an admin-role token owned by a viewer only has viewer rights", async () => {
    const { token } = await seedToken({ role: "admin", userName: "watcher" });
    expect(await (await callRoute(whoAmI, routeRequest("/x", { bearer: token }))).json()).toMatchObject({ role: "viewer" });
  });

  test("failed Bearer checks count toward the per-address limit: 429 with Retry-After", async () => {
    for (let i = 0; i < 10; i++) {
      expect((await callRoute(whoAmI, routeRequest("/x", { bearer: `berth_aaaaaaaa_${"x".repeat(43)}`, clientIp: "203.0.113.7" }))).status).toBe(401);
    }
    const blocked = await callRoute(whoAmI, routeRequest("/x", { bearer: admin.token, clientIp: "203.0.113.7" }));
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await callRoute(whoAmI, routeRequest("/x", { bearer: admin.token, clientIp: "203.0.113.8" }))).status).toBe(200);
  });
});

describe("authorization and request checks", () => {
  test("a Bearer admin may mutate without an Origin (scripts send none); a cookie admin may not", async () => {
    expect((await callRoute(mutate, routeRequest("/x", { method: "POST", bearer: admin.token }))).status).toBe(200);
    const session = await createSession({ userId: admin.userId, role: "admin", tokenId: admin.tokenId, tokenExpiresAt: null });
    const cookie = `berth_session=${session.cookieValue}`;
    const noOrigin = await callRoute(mutate, routeRequest("/x", { method: "PATCH", cookie }));
    expect(noOrigin.status).toBe(403);
    expect((await noOrigin.json()).error.message).toMatch(/no Origin header/);
    expect((await callRoute(mutate, routeRequest("/x", { method: "PUT", cookie, origin: TEST_ORIGIN }))).status).toBe(200);
  });

  test("a rejected request does not even record the token as used", async () => {
    const fresh = await seedToken({ role: "viewer", userName: "watcher" });
    expect((await callRoute(mutate, routeRequest("/x", { method: "DELETE", bearer: fresh.token }))).status).toBe(403);
    expect((await getDb().apiToken.findUniqueOrThrow({ where: { id: fresh.tokenId } })).lastUsedAt).toBeNull();
    expect((await callRoute(whoAmI, routeRequest("/x", { bearer: fresh.token }))).status).toBe(200);
    expect((await getDb().apiToken.findUniqueOrThrow({ where: { id: fresh.tokenId } })).lastUsedAt).not.toBeNull();
  });

  test("params and query are validated and named in the 400", async () => {
    const handler = withAuth(({ params, query }) => Response.json({ params, query }), {
      params: z.object({ id: z.string().regex(/^[a-z]+$/, { error: "lowercase letters only" }) }).strict(),
      query: z.object({ watch: z.enum(["0", "1"]).optional() }).strict(),
    });
    const bad = await callRoute(handler, routeRequest("/x/AB?watch=2", { bearer: admin.token }), { id: "AB" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/id: lowercase letters only/);
    const badQuery = await callRoute(handler, routeRequest("/x/ab?watch=2", { bearer: admin.token }), { id: "ab" });
    expect((await badQuery.json()).error.message).toMatch(/^watch: /);
    const ok = await callRoute(handler, routeRequest("/x/ab?watch=1", { bearer: admin.token }), { id: "ab" });
    expect(await ok.json()).toEqual({ params: { id: "ab" }, query: { watch: "1" } });
  });

  test("an unexpected error is a 500 with a generic sentence", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const broken = withAuth(() => {
      throw new TypeError("cannot read properties of undefined");
    });
    const res = await callRoute(broken, routeRequest("/x", { bearer: admin.token }));
    expect(res.status).toBe(500);
    expect((await res.json()).error).toEqual({ code: "internal", message: expect.not.stringContaining("undefined") });
  });
});
