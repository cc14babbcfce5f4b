import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSim, type Sim } from "@/server/sim/start-sim";
import { requester } from "@/server/sim/http/test-request";

let sim: Sim;
let api: ReturnType<typeof requester>;
const CM = "/api/v1/namespaces/default/configmaps";
const cm = (name: string) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name } });

beforeAll(async () => {
  sim = await startSim({ port: 0, controllers: false, historyLimit: 20, bookmarkIntervalMs: 100 });
  api = requester(sim.httpUrl, sim.adminToken);
});
afterAll(() => sim.stop());

/** Reads watch events until `until` says stop or the stream ends; bounded by a timeout. */
async function watch(path: string, until: (events: any[]) => boolean, timeoutMs = 3000) { // eslint-disable-line @typescript-eslint/no-explicit-any
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), timeoutMs);
  const events: any[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
  let ended = false;
  try {
    const res = await fetch(sim.httpUrl + path, { headers: { Authorization: `Bearer ${sim.adminToken}` }, signal: ac.signal });
    const reader = res.body!.getReader();
    let buf = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        ended = true;
        break;
      }
      buf += new TextDecoder().decode(value);
      let nl: number;
      while ((nl = buf.indexOf("\n")) >= 0) {
        events.push(JSON.parse(buf.slice(0, nl)));
        buf = buf.slice(nl + 1);
      }
      if (until(events)) break;
    }
    ac.abort();
  } catch (err) {
    if ((err as Error).name !== "AbortError") throw err;
  } finally {
    clearTimeout(timer);
  }
  return { events, ended };
}

describe("watch", () => {
  it("starts with synthetic ADDED events, then streams changes, filtered by selector", async () => {
    await api("POST", CM, cm("w1"));
    const pending = watch(`${CM}?watch=1&fieldSelector=metadata.name%3Dw2`, (e) => e.length >= 2);
    const all = watch(`${CM}?watch=true`, (e) => e.some((x) => x.type === "MODIFIED"));
    await new Promise((r) => setTimeout(r, 100));
    await api("POST", CM, cm("w2"));
    await api("PATCH", `${CM}/w2`, { data: { a: "b" } }, { "Content-Type": "application/merge-patch+json" });
    const filtered = await pending;
    expect(filtered.events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(["ADDED w2", "MODIFIED w2"]);
    const everything = await all;
    expect(everything.events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(["ADDED w1", "ADDED w2", "MODIFIED w2"]);
    expect(everything.events[0].object.kind).toBe("ConfigMap");
  });

  it("resumes after a resourceVersion and answers 410 Expired once it left the history window", async () => {
    const first = (await api("POST", CM, cm("r1"))).body.metadata.resourceVersion;
    await api("POST", CM, cm("r2"));
    const resumed = await watch(`${CM}?watch=1&resourceVersion=${first}`, (e) => e.length >= 1);
    expect(resumed.events.map((e) => e.object.metadata.name)).toEqual(["r2"]);
    for (let i = 0; i < 25; i++) await api("POST", CM, cm(`fill-${i}`));
    const gone = await watch(`${CM}?watch=1&resourceVersion=${first}`, () => false);
    expect(gone.ended).toBe(true);
    expect(gone.events).toHaveLength(1);
    expect(gone.events[0].type).toBe("ERROR");
    expect(gone.events[0].object).toMatchObject({ kind: "Status", code: 410, reason: "Expired" });
    expect(gone.events[0].object.message).toMatch(new RegExp(`^too old resource version: ${first} \\(\\d+\\)$`));
  });

  it("sends BOOKMARK events when allowed and ends after timeoutSeconds", async () => {
    const rv = (await api("GET", CM)).body.metadata.resourceVersion;
    const bm = await watch(`${CM}?watch=1&resourceVersion=${rv}&allowWatchBookmarks=true`, (e) => e.some((x) => x.type === "BOOKMARK"));
    const bookmark = bm.events.find((e) => e.type === "BOOKMARK");
    expect(bookmark.object).toEqual({ kind: "ConfigMap", apiVersion: "v1", metadata: { resourceVersion: rv, creationTimestamp: null } });
    const started = Date.now();
    const timed = await watch(`${CM}?watch=1&resourceVersion=${rv}&timeoutSeconds=1`, () => false, 4000);
    expect(timed.ended).toBe(true);
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it("wraps each event in a one-row Table when kubectl get -w asks for one", async () => {
    const ac = new AbortController();
    const res = await fetch(`${sim.httpUrl}${CM}?watch=1&fieldSelector=metadata.name%3Dw1`, { headers: { Authorization: `Bearer ${sim.adminToken}`, Accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json" }, signal: ac.signal });
    const { value } = await res.body!.getReader().read();
    ac.abort();
    const event = JSON.parse(new TextDecoder().decode(value).split("\n")[0]);
    expect(event.type).toBe("ADDED");
    expect(event.object).toMatchObject({ kind: "Table", apiVersion: "meta.k8s.io/v1", rows: [{ cells: ["w1", 0, expect.stringMatching(/^\d+s$/)] }] });
  });

  it("serves the legacy /watch/ path", async () => {
    const res = await watch("/api/v1/watch/namespaces/default/configmaps/w1", (e) => e.length >= 1);
    expect(res.events[0]).toMatchObject({ type: "ADDED", object: { metadata: { name: "w1" } } });
  });
});

describe("faults", () => {
  it("fails the next requests with 429 and Retry-After, then recovers", async () => {
    sim.faults.failNext(2, { status: 429, retryAfterSeconds: 3 });
    const a = await api("GET", CM);
    expect(a.status).toBe(429);
    expect(a.headers.get("retry-after")).toBe("3");
    expect(a.body).toMatchObject({ kind: "Status", reason: "TooManyRequests", code: 429 });
    expect((await api("GET", CM)).status).toBe(429);
    expect((await api("GET", CM)).status).toBe(200);
    sim.faults.failFraction(1, { status: 503 });
    expect((await api("GET", CM)).status).toBe(503);
    sim.faults.clear();
    expect((await api("GET", CM)).status).toBe(200);
  });

  it("adds latency", async () => {
    sim.faults.setLatency(150);
    const t = Date.now();
    await api("GET", CM);
    expect(Date.now() - t).toBeGreaterThanOrEqual(140);
    sim.faults.setLatency(0);
  });

  it("drops open watches and compacts history to force 410", async () => {
    const rv = (await api("GET", CM)).body.metadata.resourceVersion;
    const open = watch(`${CM}?watch=1&resourceVersion=${rv}`, () => false, 3000);
    await new Promise((r) => setTimeout(r, 100));
    sim.faults.dropWatches();
    expect((await open).ended).toBe(true);
    await api("POST", CM, cm("after-compact"));
    sim.faults.compactHistory();
    const gone = await watch(`${CM}?watch=1&resourceVersion=${rv}`, () => false);
    expect(gone.events[0].object.code).toBe(410);
  });

  it("restarts on the same port keeping the store", async () => {
    const port = new URL(sim.httpUrl).port;
    const open = watch(`${CM}?watch=1`, () => false, 3000);
    await new Promise((r) => setTimeout(r, 100));
    await sim.restart({ downMs: 50 });
    expect((await open).ended).toBe(true);
    expect(new URL(sim.httpUrl).port).toBe(port);
    expect((await api("GET", `${CM}/w1`)).status).toBe(200);
  });
});
