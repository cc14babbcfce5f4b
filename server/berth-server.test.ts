import http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { createBerthServer, type BerthServer } from "@/server/berth-server";
import { createWsGateway } from "@/server/ws/gateway";
import { handleLiveSession, type LivePrincipal } from "@/server/ws/live-session";

const admin: LivePrincipal = { userName: "admin", role: "admin" };
let running: BerthServer | undefined;

afterEach(async () => {
  await running?.shutdown();
  running = undefined;
});

async function start(handle: Parameters<typeof createBerthServer>[0]["handle"], lines: string[] = []) {
  const gateway = createWsGateway<LivePrincipal>({
    authenticate: async (req) =>
      req.headers.authorization === "Bearer good" ? { ok: true, principal: admin } : { ok: false, status: 401, message: "Sign in first." },
    routes: { "/api/ws/live": (socket, _req, principal) => handleLiveSession(socket, principal) },
  });
  running = createBerthServer({ handle, gateway, logLine: (line) => lines.push(line), drainMs: 3000 });
  const url = await running.listen(0, "127.0.0.1");
  return { url, gateway };
}

function openSocket(url: string, headers: Record<string, string>) {
  return new WebSocket(url.replace("http", "ws") + "/api/ws/live", { headers });
}

describe("the Berth HTTP server", () => {
  it("writes one JSON log line per request with the path but never the query string", async () => {
    const lines: string[] = [];
    const { url } = await start((_req, res) => res.end("ok"), lines);
    await fetch(`${url}/api/things?token=berth_secret_value`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]);
    expect(line).toMatchObject({ msg: "request", method: "GET", path: "/api/things", status: 200 });
    expect(typeof line.durationMs).toBe("number");
    expect(lines[0]).not.toContain("berth_secret_value");
  });

  it("keeps an idle keep-alive connection open past Node's 5 s default, so a reused one is not reset", async () => {
    const { url } = await start((_req, res) => res.end("ok"));
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<boolean>((resolve, reject) => {
        const req = http.get(url, { agent }, (res) => {
          res.resume();
          res.on("end", () => resolve(req.reusedSocket));
        });
        req.on("error", reject);
      });
    expect(await get()).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 6000));
    expect(await get()).toBe(true);
    agent.destroy();
  }, 15_000);

  it("overwrites a client-supplied x-berth-client-ip with the socket address", async () => {
    const { url } = await start((req, res) => res.end(String(req.headers["x-berth-client-ip"])));
    const res = await fetch(url, { headers: { "x-berth-client-ip": "6.6.6.6" } });
    expect(await res.text()).toMatch(/127\.0\.0\.1/);
  });

  it("tells the layouts the page path, overwriting a client-supplied x-berth-page-path", async () => {
    const { url } = await start((req, res) => res.end(String(req.headers["x-berth-page-path"])));
    const res = await fetch(`${url}/projects/shop?tab=logs`, { headers: { "x-berth-page-path": "//evil.example" } });
    expect(await res.text()).toBe("/projects/shop?tab=logs");
  });

  it("refuses an unauthenticated WebSocket upgrade with 401 before the handshake", async () => {
    const { url } = await start((_req, res) => res.end());
    const socket = openSocket(url, {});
    const status = await new Promise<number>((resolve) => socket.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(401);
  });

  it("keeps the upgrade to itself: a listener added later (as Next adds one) cannot end the handshake", async () => {
    const { url } = await start((_req, res) => res.end());
    running!.server.on("upgrade", (_req: unknown, socket: { end: () => void }) => socket.end());
    const socket = openSocket(url, { authorization: "Bearer good" });
    const hello = await new Promise<string>((resolve, reject) => {
      socket.once("message", (data) => resolve(data.toString()));
      socket.once("error", reject);
    });
    expect(JSON.parse(hello).type).toBe("hello");
    socket.close();
  });

  it("answers 404 for an unknown WebSocket path", async () => {
    const { url } = await start((_req, res) => res.end());
    const socket = new WebSocket(url.replace("http", "ws") + "/api/ws/nope", { headers: { authorization: "Bearer good" } });
    const status = await new Promise<number>((resolve) => socket.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(404);
  });

  it("on shutdown lets an in-flight request finish and closes WebSockets with 1001", async () => {
    const { url, gateway } = await start((_req, res) => {
      setTimeout(() => res.end("finished"), 300);
    });
    const socket = openSocket(url, { authorization: "Bearer good" });
    const hello = await new Promise<string>((resolve) => socket.once("message", (data) => resolve(data.toString())));
    expect(JSON.parse(hello)).toEqual({ type: "hello", user: "admin", role: "admin" });
    expect(gateway.openCount()).toBe(1);
    const closed = new Promise<number>((resolve) => socket.on("close", (code) => resolve(code)));

    const inFlight = fetch(url).then((res) => res.text());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    const shutdown = running!.shutdown();
    running = undefined;

    expect(await closed).toBe(1001);
    expect(await inFlight).toBe("finished");
    await shutdown;
    expect(Date.now() - started).toBeLessThan(3000);
    await expect(fetch(url)).rejects.toThrow();
  });
});
