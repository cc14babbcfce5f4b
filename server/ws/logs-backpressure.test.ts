import { afterAll, beforeAll, expect, test } from "vitest";
import { deployApp, openTestSocket, startStreamTestEnv, type StreamTestEnv } from "@/server/ws/testing/stream-test-env";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let fast: StreamTestEnv;

beforeAll(async () => {
  fast = await startStreamTestEnv({ logRate: 20_000, highWaterBytes: 256 * 1024 });
  await deployApp(fast, { project: "busy", app: "api", replicas: 1 });
}, 30_000);
afterAll(() => fast?.stop());

test("a client that stops reading makes the server pause upstream instead of buffering", async () => {
  const s = await openTestSocket(fast, "/api/ws/logs?project=busy&app=api&tail=0");
  const startedAt = Date.now();
  (s.ws as unknown as { _socket: { pause(): void } })._socket.pause();
  await sleep(4000);
  const [session] = fast.sessions;
  const stats = session.stats();
  const produced = (20_000 * (Date.now() - startedAt)) / 1000;
  expect(stats.isPaused).toBe(true);
  expect(stats.bufferedBytes).toBeLessThanOrEqual(256 * 1024 + 200 * 1024);
  expect(stats.pendingLines).toBeLessThanOrEqual(10_000);
  expect(stats.skippedLines).toBe(0);
  // What the pod wrote but Berth never read stays in the API server's socket, not in Berth.
  expect(stats.sentLines + stats.pendingLines, JSON.stringify(stats)).toBeLessThan(produced * 0.6);
  s.ws.terminate();
}, 20_000);
