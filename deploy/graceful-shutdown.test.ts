/**
 * Issue 8, "Operating it": a rolling update of Berth itself (SIGTERM) must not strand anyone.
 * While a log stream is open and a deploy is under way: the sockets close with 1001 (going
 * away, so browsers reconnect), the process exits 0 within 10 s, and the deploy is left
 * resumable in the database — never marked failed — so the next Berth on the same data
 * directory finishes it. Runs the image's entrypoint (see testing/start-image-entrypoint.ts).
 */
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, expect, it } from "vitest";
import WebSocket from "ws";
import { startImageEntrypoint, type RunningImage } from "@/deploy/testing/start-image-entrypoint";

const runs: RunningImage[] = [];
afterAll(() => {
  for (const run of runs.slice(0, -1)) if (run.exited.at === 0) run.child.kill("SIGKILL");
  runs.at(-1)?.cleanup(); // every run shares one directory; remove it once
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function api(berth: RunningImage) {
  // The test reads several answers' fields loosely; the routes' own tests check their shapes.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return async (method: string, route: string, body?: unknown): Promise<{ status: number; json: any }> => {
    const res = await fetch(`${berth.url}/api${route}`, {
      method,
      headers: { authorization: `Bearer ${berth.adminToken}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  };
}

/** Opens an authenticated, same-origin WebSocket; records its messages and close code. */
async function openSocket(berth: RunningImage, route: string) {
  const socket = new WebSocket(`${berth.url.replace("http", "ws")}${route}`, {
    headers: { authorization: `Bearer ${berth.adminToken}`, origin: berth.url },
  });
  const messages: Array<{ type: string }> = [];
  socket.on("message", (data) => messages.push(JSON.parse(String(data)) as { type: string }));
  const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
    socket.once("unexpected-response", (_req, res) => reject(new Error(`upgrade of ${route} refused: ${res.statusCode}`)));
  });
  return { socket, messages, closed };
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(200);
  }
}

function operationRow(dataDir: string, id: string): { status: string; lastError: string | null } {
  const db = new Database(path.join(dataDir, "berth.db"), { readonly: true });
  try {
    return db.prepare("SELECT status, lastError FROM Operation WHERE id = ?").get(id) as { status: string; lastError: string | null };
  } finally {
    db.close();
  }
}

it("SIGTERM during a log stream and a deploy: sockets close 1001, exit 0 within 10 s, the deploy resumes at the next start", async () => {
  const berth = await startImageEntrypoint();
  runs.push(berth);
  const call = api(berth);

  expect((await call("POST", "/projects", { name: "shop" })).status).toBe(201);
  expect((await call("POST", "/projects/shop/apps", { name: "web", image: "nginx:1.27", port: 80, replicas: 1 })).status).toBe(201);
  const first = await call("POST", "/projects/shop/apps/web/deploy");
  expect(first.status, JSON.stringify(first.json)).toBe(202);
  await until("the first deploy to make the app Healthy", 30_000, async () => {
    const { json } = await call("GET", "/projects/shop/apps/web/status");
    return json?.health === "Healthy" ? true : undefined;
  });

  const logs = await openSocket(berth, "/api/ws/logs?project=shop&app=web");
  const live = await openSocket(berth, "/api/ws/live");
  await until("log lines on the logs socket", 15_000, () => (logs.messages.some((m) => m.type === "lines") ? true : undefined));

  const updated = await call("GET", "/projects/shop/apps/web");
  const spec = { ...updated.json.spec, image: "nginx:1.27-alpine" };
  const put = await call("PUT", "/projects/shop/apps/web", spec);
  expect(put.status, JSON.stringify(put.json)).toBe(200);
  const second = await call("POST", "/projects/shop/apps/web/deploy");
  expect(second.status, JSON.stringify(second.json)).toBe(202);
  const operationId = second.json.operation.id as string;
  // SIGTERM while the engine is working on it (applying or watching the rollout, which must
  // stay healthy 10 s before it counts), not while it merely waits in the queue.
  await until("the engine to start the second deploy", 5_000, async () => {
    const { json } = await call("GET", `/projects/shop/operations/${operationId}`);
    return json?.status === "running" ? true : undefined;
  });

  const sentAt = Date.now();
  berth.child.kill("SIGTERM");
  expect(await logs.closed).toBe(1001);
  expect(await live.closed).toBe(1001);
  await until("Berth to exit", 11_000, () => (berth.exited.at > 0 ? true : undefined)).catch(() => {
    throw new Error(`Berth did not exit within 11 s:\n${berth.output()}`);
  });
  const exitMs = berth.exited.at - sentAt;
  console.log(`graceful shutdown: exited ${berth.exited.code} after ${exitMs} ms`);
  expect(exitMs).toBeLessThan(10_000);
  expect(berth.exited.code).toBe(0);

  // Finished, or left for the next start: never failed by the shutdown itself.
  const left = operationRow(berth.dataDir, operationId);
  console.log(`the interrupted deploy was left ${JSON.stringify(left)}`);
  expect(["succeeded", "queued", "running"], `the deploy was left ${JSON.stringify(left)}`).toContain(left.status);

  const again = await startImageEntrypoint({ restartOf: berth });
  runs.push(again);
  const final = await until("the interrupted deploy to finish after the restart", 60_000, async () => {
    const { json } = await api(again)("GET", `/projects/shop/operations/${operationId}`);
    return ["succeeded", "failed"].includes(json?.status) ? json : undefined;
  });
  expect(final.status, JSON.stringify(final)).toBe("succeeded");
  const revisions = await api(again)("GET", "/projects/shop/apps/web/revisions");
  const revision = (revisions.json.revisions as Array<{ number: number; outcome: string; spec: { image: string } }>).find((r) => r.number === second.json.revision.number);
  expect(revision, JSON.stringify(revisions.json)).toMatchObject({ outcome: "succeeded", spec: { image: "nginx:1.27-alpine" } });
}, 600_000); // the first image start in a run traces its node_modules (testing/start-image-entrypoint.ts)
