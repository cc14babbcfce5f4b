import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openLogRequestCount, timestampNs } from "@/server/kube/log-stream";
import { deployApp, openTestSocket, startStreamTestEnv, waitForRunningPods, type StreamTestEnv, type TestSocket } from "@/server/ws/testing/stream-test-env";
import { kubeClientsFor } from "@/server/kube/kube-clients";

type Line = [number, string, string];
const linesOf = (s: TestSocket): Line[] => s.messages.filter((m) => m.type === "lines").flatMap((m) => m.lines as Line[]);
const streamsOf = (s: TestSocket) => new Map(s.messages.filter((m) => m.type === "stream" && m.state === "open").map((m) => [m.id as number, `${m.pod}/${m.container}`]));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(20);
  }
}

let env: StreamTestEnv;
let pods: string[];

beforeAll(async () => {
  env = await startStreamTestEnv({ logRate: 20, limits: { logs: 3, exec: 5 } });
  pods = await deployApp(env, { project: "shop", app: "web", replicas: 2 });
  await sleep(300);
}, 30_000);
afterAll(() => env?.stop());

describe("/api/ws/logs", () => {
  test("merges every pod's lines in time order, each marked with its pod and container", async () => {
    const s = await openTestSocket(env, "/api/ws/logs?project=shop&app=web&tail=5", env.viewerToken);
    await waitUntil(() => new Set(linesOf(s).map((l) => l[0])).size === 2 && linesOf(s).length >= 30, 5000, "lines from both pods");
    s.ws.close();
    const streams = streamsOf(s);
    expect([...streams.values()].sort()).toEqual(pods.map((p) => `${p}/web`));
    const ns = linesOf(s).map((l) => timestampNs(l[1])!);
    expect(ns.every((t, i) => i === 0 || t >= ns[i - 1])).toBe(true);
    expect(linesOf(s)[0][2]).toMatch(/seq=\d+|starting/);
    await s.closed;
  });

  test("a reconnect with the last timestamp of each stream loses nothing and repeats nothing", async () => {
    const first = await openTestSocket(env, "/api/ws/logs?project=shop&app=web&pod=" + pods[0] + "&tail=3");
    await waitUntil(() => linesOf(first).length >= 8, 5000, "first lines");
    first.ws.close();
    await first.closed;
    const got = linesOf(first);
    const last = got[got.length - 1][1];
    await sleep(400);
    const resume = encodeURIComponent(JSON.stringify({ [`${pods[0]}/web`]: last }));
    const second = await openTestSocket(env, `/api/ws/logs?project=shop&app=web&pod=${pods[0]}&resume=${resume}`);
    await waitUntil(() => linesOf(second).length >= 10, 5000, "resumed lines");
    second.ws.close();
    const seqs = [...got, ...linesOf(second)].map((l) => Number(/seq=(\d+)/.exec(l[2])?.[1]));
    const tail = seqs.slice(1);
    expect(tail.every((n, i) => i === 0 || n === tail[i - 1] + 1), `sequence ${tail.join(",")}`).toBe(true);
  });

  test("a pod created during a rollout joins, and a deleted pod's stream ends with a note", async () => {
    const s = await openTestSocket(env, "/api/ws/logs?project=shop&app=web&tail=1");
    await waitUntil(() => streamsOf(s).size === 2, 5000, "two streams");
    const client = kubeClientsFor(env.kubeConfig);
    await client.request({ method: "PATCH", path: "/apis/apps/v1/namespaces/shop/deployments/web/scale", contentType: "application/merge-patch+json", body: { spec: { replicas: 3 } } });
    const now = await waitForRunningPods(env, "shop", "web", 3);
    const added = now.find((p) => !pods.includes(p))!;
    await waitUntil(() => linesOf(s).some((l) => streamsOf(s).get(l[0]) === `${added}/web`), 5000, "lines of the new pod");
    await client.request({ method: "DELETE", path: `/api/v1/namespaces/shop/pods/${added}`, query: { gracePeriodSeconds: 0 } });
    const ended = await s.waitFor((m) => m.type === "stream" && m.state === "ended" && m.pod === added, 5000, "the end of the deleted pod's stream");
    expect(ended.note).toMatch(/went away|deleted|stopped/);
    await client.request({ method: "PATCH", path: "/apis/apps/v1/namespaces/shop/deployments/web/scale", contentType: "application/merge-patch+json", body: { spec: { replicas: 2 } } });
    s.ws.close();
    pods = await waitForRunningPods(env, "shop", "web", 2);
  });

  test("when the API connection breaks, the stream reopens by itself after the last line, without gap or duplicate", async () => {
    const s = await openTestSocket(env, `/api/ws/logs?project=shop&app=web&pod=${pods[0]}&tail=2`);
    await waitUntil(() => linesOf(s).length >= 5, 5000, "lines before the break");
    await env.sim!.restart({ downMs: 300 });
    const before = linesOf(s).length;
    await waitUntil(() => linesOf(s).length >= before + 20, 10_000, "lines after the break");
    s.ws.close();
    expect(s.messages.some((m) => m.type === "stream" && m.state === "ended")).toBe(false);
    const seqs = linesOf(s).map((l) => Number(/seq=(\d+)/.exec(l[2])?.[1]));
    expect(seqs.every((n, i) => i === 0 || n === seqs[i - 1] + 1), `sequence ${seqs.join(",")}`).toBe(true);
  });

  test("closing the socket aborts every upstream log request", async () => {
    await waitUntil(() => openLogRequestCount() === 0, 3000, "earlier streams closed");
    const s = await openTestSocket(env, "/api/ws/logs?project=shop&app=web&tail=1");
    await waitUntil(() => openLogRequestCount() === 2, 5000, "two upstream requests");
    s.ws.close();
    await waitUntil(() => openLogRequestCount() === 0, 3000, "upstream requests aborted");
  });

  test("bad queries are refused at the upgrade with a sentence, and so is a user over the limit", async () => {
    await expect(openTestSocket(env, "/api/ws/logs?project=Shop!&app=web")).rejects.toMatchObject({ status: 400 });
    const open = await Promise.all([1, 2, 3].map(() => openTestSocket(env, "/api/ws/logs?project=shop&app=web&tail=0")));
    const refused = await openTestSocket(env, "/api/ws/logs?project=shop&app=web&tail=0").catch((e: { status: number; body: string }) => e);
    expect(refused).toMatchObject({ status: 429 });
    expect((refused as { body: string }).body).toMatch(/already have 3 log streams open/);
    for (const s of open) s.ws.close();
  });
});
