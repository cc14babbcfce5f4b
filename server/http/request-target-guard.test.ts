import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBerthServer, type BerthServer } from "@/server/berth-server";
import { closeTestDb, openTestDb, seedToken } from "@/server/auth/testing/auth-fixtures";
import { rawHttp } from "@/server/http/testing/raw-http";
import { tableCounts } from "@/server/http/testing/table-counts";
import { createWsGateway } from "@/server/ws/gateway";

/**
 * Request targets Next would answer with a 500 or a redirect never reach it: the custom server
 * answers them in JSON, 401 first without credentials. A raw HTTP client sends each path as
 * written (fetch and browsers would resolve `..` and `%2e%2e` before sending).
 */
let dataDir: string;
let admin: string;
let server: BerthServer;
let base: URL;
const reachedNext: string[] = [];

beforeAll(async () => {
  dataDir = await openTestDb();
  admin = (await seedToken({ role: "admin" })).token;
  const gateway = createWsGateway({ authenticate: async () => ({ ok: false, status: 401, message: "no" }), routes: {} });
  server = createBerthServer({
    handle: (req, res) => {
      reachedNext.push(req.url ?? "");
      // What Next answers by itself for a method a route does not export, and for OPTIONS.
      if (req.url === "/api/audit" && req.method !== "GET") {
        res.statusCode = req.method === "OPTIONS" ? 204 : 405;
        res.setHeader("Allow", "GET, HEAD, OPTIONS");
        return res.end();
      }
      res.end("next");
    },
    gateway,
    logLine: () => {},
  });
  base = new URL(await server.listen(0, "127.0.0.1"));
});
afterAll(async () => {
  await server?.shutdown();
  await closeTestDb(dataDir);
});

function rawRequest(path: string, options: { method?: string; token?: string } = {}) {
  return rawHttp(base.href, path, { method: options.method, headers: options.token ? { authorization: `Bearer ${options.token}` } : {} });
}

const REFUSED: Array<[string, number, string]> = [
  ["/api/projects/%FF", 400, '"%FF" is not valid percent-encoded UTF-8'],
  ["/api/projects/shop/apps/%E0%A4%A", 400, '"%E0%A4%A" is not valid percent-encoded UTF-8'],
  ["/api/projects/%ED%A0%80", 400, "not valid percent-encoded UTF-8"],
  ["/api/projects/shop/%2e%2e/%2E%2E/tokens", 400, 'has a "." or ".." segment'],
  ["/api/projects/shop/apps/web/../../../tokens", 400, 'has a "." or ".." segment'],
  ["/api/projects/./shop", 400, 'has a "." or ".." segment'],
  ["/static/../api/tokens", 400, 'has a "." or ".." segment'],
  ["/api//projects", 400, "empty segment"],
  ["/api/projects/", 404, "remove the trailing '/'"],
  ["/api/yaml/live?project=%FF&app=web", 400, '"%FF" is not valid percent-encoded UTF-8'],
];

describe("the request-target guard in the custom server", () => {
  it("answers 401 in JSON first when there are no credentials, and Next never sees the request", async () => {
    reachedNext.length = 0;
    for (const [path] of REFUSED) {
      for (const method of ["GET", "DELETE"]) {
        const res = await rawRequest(path, { method });
        expect(res.status, `${method} ${path}`).toBe(401);
        expect(res.type, path).toMatch(/^application\/json/);
        expect(JSON.parse(res.body).error.code, path).toBe("unauthenticated");
      }
    }
    expect(reachedNext).toEqual([]);
  });

  it("with credentials, names the problem in JSON — never a redirect — and writes nothing", async () => {
    reachedNext.length = 0;
    const before = await tableCounts();
    for (const [path, status, message] of REFUSED) {
      for (const method of ["GET", "DELETE"]) {
        const res = await rawRequest(path, { method, token: admin });
        expect(res.status, `${method} ${path}: ${res.body}`).toBe(status);
        expect(res.location, path).toBeUndefined();
        expect(res.type, path).toMatch(/^application\/json/);
        expect(JSON.parse(res.body).error.message, path).toContain(message);
      }
    }
    expect(reachedNext).toEqual([]);
    expect(await tableCounts()).toEqual(before);
  });

  it("lets well-formed API paths and page paths through to Next", async () => {
    reachedNext.length = 0;
    const passed = ["/api/projects/caf%C3%A9", "/api/projects?x=%20", "/api/tokens", "/projects/caf%C3%A9", "/projects/../status"];
    for (const path of passed) expect((await rawRequest(path)).body, path).toBe("next");
    expect(reachedNext).toEqual(passed);
  });

  it("answers a page path Next cannot decode with a plain 400 instead of Next's 500", async () => {
    const res = await rawRequest("/projects/%FF");
    expect(res.status).toBe(400);
    expect(res.type).toMatch(/^text\/plain/);
    expect(res.body).toContain('"%FF"');
  });

  it("turns Next's bodiless 405 and OPTIONS answers on /api into 401 first, then a JSON 405", async () => {
    for (const method of ["DELETE", "PUT", "OPTIONS"]) {
      const anonymous = await rawRequest("/api/audit", { method });
      expect(anonymous.status, method).toBe(401);
      expect(anonymous.type, method).toMatch(/^application\/json/);
    }
    const wrongMethod = await rawRequest("/api/audit", { method: "DELETE", token: admin });
    expect(wrongMethod.status).toBe(405);
    expect(JSON.parse(wrongMethod.body).error.message).toBe("/api/audit does not take DELETE; it takes GET, HEAD, OPTIONS.");
    expect((await rawRequest("/api/audit", { method: "OPTIONS", token: admin })).status).toBe(204);
  });
});
