/**
 * /metrics end to end through Berth's HTTP server: requests served by the server are counted
 * by route pattern, and the scrape needs a token.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getMetrics } from "@/app/metrics/route";
import { createBerthServer, type BerthServer } from "@/server/berth-server";
import { createWsGateway } from "@/server/ws/gateway";
import { closeTestDb, openTestDb, seedToken } from "@/server/auth/testing/auth-fixtures";
import { berthMetrics, countError, observeReconcile, setKubeWatchesSource } from "@/server/metrics/berth-metrics";
import { createRouteLabeller } from "@/server/metrics/route-label";

let dataDir: string;
let viewer: string;
let berth: BerthServer;
let url: string;

/** Stands in for Next's handler: /metrics goes to the real route handler, the rest is canned. */
async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? "/").split("?")[0];
  if (path === "/metrics") {
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(key, value);
    const answer = await getMetrics(new Request(`http://berth.test${req.url}`, { headers }), { params: Promise.resolve({}) });
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    res.end(await answer.text());
    return;
  }
  res.statusCode = path.startsWith("/api/tokens/") ? 200 : 404;
  res.end("{}");
}

beforeAll(async () => {
  dataDir = await openTestDb();
  viewer = (await seedToken({ role: "viewer" })).token;
  berthMetrics().labelRoute = createRouteLabeller([{ page: "/api/tokens/[id]", regex: "^/api/tokens/([^/]+?)(?:/)?$" }]);
  const gateway = createWsGateway({ authenticate: async () => ({ ok: false, status: 401, message: "no" }), routes: {} });
  berth = createBerthServer({ handle: (req, res) => void handle(req, res), gateway, logLine: () => {} });
  url = await berth.listen(0, "127.0.0.1");
});

afterAll(async () => {
  await berth?.shutdown();
  await closeTestDb(dataDir);
});

const scrape = (token?: string) => fetch(`${url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe("/metrics", () => {
  it("refuses a scrape without a token", async () => {
    const res = await scrape();
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain("http_requests_total");
  });

  it("counts requests by route pattern, method and status, with durations", async () => {
    for (const id of ["a1", "b2", "c3"]) expect((await fetch(`${url}/api/tokens/${id}`)).status).toBe(200);
    expect((await fetch(`${url}/nowhere`, { method: "POST" })).status).toBe(404);

    const res = await scrape(viewer);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain; version=0.0.4");
    const text = await res.text();
    expect(text).toContain('http_requests_total{method="GET",route="/api/tokens/[id]",status="200"} 3');
    expect(text).toContain('http_requests_total{method="POST",route="(other)",status="404"} 1');
    expect(text).toContain('http_requests_total{method="GET",route="/metrics",status="401"} 1');
    expect(text).not.toContain("a1");
    expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/api\/tokens\/\[id\]"\} 3/);
  });

  it("reports open WebSockets, API watches, reconcile durations and errors", async () => {
    setKubeWatchesSource(() => 8);
    observeReconcile(0.3, "success");
    countError("kube_api");
    const text = await (await scrape(viewer)).text();
    expect(text).toContain("# TYPE berth_websockets_open gauge");
    expect(text).toContain("berth_kube_watches_open 8");
    expect(text).toContain('berth_reconcile_duration_seconds_count{outcome="success"} 1');
    expect(text).toContain('berth_errors_total{kind="kube_api"} 1');
    expect(text).toContain('berth_errors_total{kind="database"} 0');
  });

  it("says NaN for a source that fails at scrape time instead of failing the scrape", async () => {
    setKubeWatchesSource(() => {
      throw new Error("informers not started");
    });
    const res = await scrape(viewer);
    expect(res.status).toBe(200);
    // prom-client spells it "Nan"; Prometheus parses the value with ParseFloat, case-insensitively.
    expect(await res.text()).toMatch(/^berth_kube_watches_open nan$/im);
  });
});
