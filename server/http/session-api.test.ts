import { createHash } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { DELETE, GET, POST } from "@/app/api/session/route";
import { getDb } from "@/server/db/client";
import { ensureAdminToken } from "@/server/auth/ensure-admin-token";
import { loginFailures } from "@/server/auth/login-rate-limit";
import { closeTestDb, openTestDb } from "@/server/auth/testing/auth-fixtures";
import { callRoute, routeRequest, sessionCookieFrom, TEST_ORIGIN } from "@/server/http/testing/route-request";
import { parseToken } from "@/server/auth/token-format";

let dataDir: string;
let adminToken: string;

beforeAll(async () => {
  dataDir = await openTestDb();
  const { line } = await ensureAdminToken({});
  adminToken = line.replace("Berth admin token: ", "");
});
afterAll(() => closeTestDb(dataDir));
beforeEach(() => loginFailures.reset());
afterEach(() => {
  vi.useRealTimers();
  delete process.env.BERTH_TRUST_PROXY;
  delete process.env.BERTH_SESSION_TTL_HOURS;
});

const login = (token: unknown, opts: Parameters<typeof routeRequest>[1] = {}) =>
  callRoute(POST, routeRequest("/api/session", { method: "POST", body: { token }, origin: TEST_ORIGIN, ...opts }));

async function counts() {
  const db = getDb();
  return { sessions: await db.session.count(), audit: await db.auditEvent.count() };
}

describe("POST /api/session", () => {
  test("a wrong token gets 401, sets no cookie, and audits the failure with the address only", async () => {
    const res = await login("berth_abcdefgh_" + "A".repeat(43), { clientIp: "198.51.100.4" });
    expect(res.status).toBe(401);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect((await res.json()).error.code).toBe("unauthenticated");
    const row = await getDb().auditEvent.findFirst({ where: { action: "login.failure" }, orderBy: { at: "desc" } });
    expect(row?.ip).toBe("198.51.100.4");
    expect(row?.detail).not.toContain("A".repeat(43));
  });

  test("the admin token opens a session: HttpOnly, SameSite=Lax cookie for 7 days; only its hash is stored", async () => {
    const res = await login(adminToken);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ user: { name: "admin" }, role: "admin", via: "session" });
    const setCookie = res.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/^berth_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=604800; Expires=/);
    expect(setCookie).not.toContain("Secure");
    const value = sessionCookieFrom(res)!.split("=")[1];
    const stored = await getDb().session.findMany();
    expect(stored.some((s) => s.idHash === createHash("sha256").update(value).digest("hex"))).toBe(true);
    expect(stored.some((s) => s.idHash.includes(value))).toBe(false);

    const me = await callRoute(GET, routeRequest("/api/session", { cookie: sessionCookieFrom(res)! }));
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { name: "admin" }, role: "admin" });
  });

  test("the cookie is Secure when a trusted gateway says the browser used HTTPS, and only then", async () => {
    const viaGateway = { headers: { "x-forwarded-proto": "https" } };
    expect((await login(adminToken, viaGateway)).headers.get("set-cookie")).not.toContain("Secure");
    process.env.BERTH_TRUST_PROXY = "1";
    expect((await login(adminToken, viaGateway)).headers.get("set-cookie")).toContain("; Secure");
  });

  test("BERTH_SESSION_TTL_HOURS sets the session lifetime", async () => {
    process.env.BERTH_SESSION_TTL_HOURS = "1";
    expect((await login(adminToken)).headers.get("set-cookie")).toContain("Max-Age=3600;");
  });

  test("bad bodies get 400 naming the field (or 413), and nothing is written", async () => {
    const before = await counts();
    const send = (rawBody: string) =>
      callRoute(POST, routeRequest("/api/session", { method: "POST", rawBody, origin: TEST_ORIGIN }));
    const cases: Array<[string, number, RegExp]> = [
      [JSON.stringify({ token: 42 }), 400, /token: expected a string/],
      [JSON.stringify({}), 400, /token: required/],
      [JSON.stringify({ token: adminToken, remember: true }), 400, /remember: unknown field/],
      ["{ token: ", 400, /not valid JSON/],
      ["", 400, /needs a JSON body/],
      [JSON.stringify({ token: "x".repeat(1024 * 1024 + 10) }), 413, /larger than 1 MB/],
    ];
    for (const [rawBody, status, message] of cases) {
      const res = await send(rawBody);
      expect(res.status, rawBody.slice(0, 40)).toBe(status);
      expect((await res.json()).error.message).toMatch(message);
    }
    expect(await counts()).toEqual(before);
  });

  test("a login posted from another site is refused (login CSRF) and writes nothing", async () => {
    const before = await counts();
    const res = await login(adminToken, { origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await counts()).toEqual(before);
  });

  test("ten failures from one address lock it out with 429 and Retry-After, even for the right token", async () => {
    for (let i = 0; i < 10; i++) expect((await login(`wrong-${i}`, { clientIp: "203.0.113.50" })).status).toBe(401);
    const blocked = await login(adminToken, { clientIp: "203.0.113.50" });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await blocked.json()).error.message).toMatch(/try again in \d+ seconds/);
    expect((await login(adminToken, { clientIp: "203.0.113.51" })).status).toBe(200);
  });
});

describe("GET and DELETE /api/session", () => {
  test("without a session GET is 401 with a sentence", async () => {
    const res = await callRoute(GET, routeRequest("/api/session"));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: "unauthenticated", message: expect.stringMatching(/Sign in/) } });
  });

  test("logout needs a same-origin Origin, then ends the session and clears the cookie", async () => {
    const cookie = sessionCookieFrom(await login(adminToken))!;
    const forged = await callRoute(DELETE, routeRequest("/api/session", { method: "DELETE", cookie }));
    expect(forged.status).toBe(403);
    expect((await callRoute(GET, routeRequest("/api/session", { cookie }))).status).toBe(200);

    const res = await callRoute(DELETE, routeRequest("/api/session", { method: "DELETE", cookie, origin: TEST_ORIGIN }));
    expect(res.status).toBe(204);
    expect(res.headers.get("set-cookie")).toMatch(/^berth_session=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0/);
    expect((await callRoute(GET, routeRequest("/api/session", { cookie }))).status).toBe(401);
    expect(await getDb().auditEvent.count({ where: { action: "logout" } })).toBe(1);
  });

  test("the session slides: used after a minute it is extended and the cookie re-sent; not written more often; expired ones are swept", async () => {
    const t0 = new Date("2030-01-01T00:00:00Z");
    vi.useFakeTimers({ toFake: ["Date"], now: t0 });
    const cookie = sessionCookieFrom(await login(adminToken))!;
    const idHash = createHash("sha256").update(cookie.split("=")[1]).digest("hex");
    const first = await getDb().session.findUniqueOrThrow({ where: { idHash } });

    vi.setSystemTime(new Date(t0.getTime() + 30_000));
    const early = await callRoute(GET, routeRequest("/api/session", { cookie }));
    expect(early.headers.get("set-cookie")).toBeNull();
    expect((await getDb().session.findUniqueOrThrow({ where: { idHash } })).lastSeenAt).toEqual(first.lastSeenAt);

    vi.setSystemTime(new Date(t0.getTime() + 3 * 86_400_000));
    const later = await callRoute(GET, routeRequest("/api/session", { cookie }));
    expect(later.headers.get("set-cookie")).toContain(cookie);
    const slid = await getDb().session.findUniqueOrThrow({ where: { idHash } });
    expect(slid.expiresAt.getTime()).toBe(t0.getTime() + 10 * 86_400_000);
    expect((await later.json()).expiresAt).toBe(slid.expiresAt.toISOString());

    vi.setSystemTime(new Date(t0.getTime() + 10 * 86_400_000 + 1));
    expect((await callRoute(GET, routeRequest("/api/session", { cookie }))).status).toBe(401);
    expect(await getDb().session.findUnique({ where: { idHash } })).not.toBeNull();
    await login(adminToken);
    expect(await getDb().session.findUnique({ where: { idHash } })).toBeNull();
  });
});

test("no token or cookie value reaches stdout, stderr or the console during logins and logouts", async () => {
  const captured: string[] = [];
  const grab = (...args: unknown[]) => void captured.push(args.map(String).join(" "));
  const spies = [
    vi.spyOn(console, "log").mockImplementation(grab),
    vi.spyOn(console, "info").mockImplementation(grab),
    vi.spyOn(console, "warn").mockImplementation(grab),
    vi.spyOn(console, "error").mockImplementation(grab),
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => (grab(chunk), true)),
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => (grab(chunk), true)),
  ];
  const wrong = "berth_zzzzzzzz_" + "Q".repeat(43);
  try {
    await login(wrong);
    await callRoute(GET, routeRequest("/api/session", { bearer: wrong }));
    const res = await login(adminToken);
    const cookie = sessionCookieFrom(res)!;
    await callRoute(GET, routeRequest("/api/session", { cookie }));
    await callRoute(DELETE, routeRequest("/api/session", { method: "DELETE", cookie, origin: TEST_ORIGIN }));
    const all = captured.join("\n");
    for (const secret of [wrong, "Q".repeat(43), adminToken, parseToken(adminToken)!.secret, cookie.split("=")[1]]) {
      expect(all).not.toContain(secret);
    }
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
});
