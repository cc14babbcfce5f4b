import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { SimController, SimStore } from "@/server/sim/contract";
import { applyDefaults } from "@/server/sim/validate/apply-defaults";
import { R } from "@/server/sim/controllers/resources";
import { startControllers } from "@/server/sim/controllers/start-controllers";
import { createTestStore } from "@/server/sim/controllers/test-store";
import { waitFor } from "@/server/sim/controllers/test-helpers";
import { startStreamServer } from "@/server/sim/streams/test-stream-server";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const cleanups: Array<() => unknown> = [];
afterEach(async () => { for (const c of cleanups.splice(0)) await c(); });

async function setup(pods: Array<{ name: string; containers: Obj[] }>, rate = 50, tickMs = 10) {
  const store = createTestStore();
  const ctl: SimController = startControllers(store, { tickMs });
  cleanups.push(() => ctl.stop());
  for (const p of pods) store.create(R.pods, applyDefaults({ apiVersion: "v1", kind: "Pod", metadata: { name: p.name, namespace: "default" }, spec: { containers: p.containers } }));
  const srv = await startStreamServer(store, { logLinesPerSecond: rate });
  cleanups.push(() => srv.close());
  return { store, url: srv.url };
}
const running = (store: SimStore, name: string) => waitFor(() => (store.get(R.pods, "default", name)?.status as Obj)?.containerStatuses?.every((c: Obj) => c.state.running) && store.get(R.pods, "default", name), 3000, `${name} running`);
const get = async (url: string) => { const r = await fetch(url); return { status: r.status, text: await r.text() }; };

/** A minimal exec client: collects channels until the server closes. */
function exec(url: string, protocol: string, onOpen?: (send: (ch: number, s: string) => void) => void): Promise<{ out: string; err: string; status: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url.replace("http", "ws"), [protocol]);
    const acc = { out: "", err: "", status: "" };
    const timer = setTimeout(() => { ws.terminate(); reject(new Error(`exec timed out: ${JSON.stringify(acc)}`)); }, 4000);
    ws.on("open", () => onOpen?.((ch, s) => ws.send(Buffer.concat([Buffer.from([ch]), Buffer.from(s)]))));
    ws.on("message", (d: Buffer) => { const s = d.subarray(1).toString(); if (d[0] === 1) acc.out += s; else if (d[0] === 2) acc.err += s; else if (d[0] === 3) acc.status += s; });
    ws.on("close", () => { clearTimeout(timer); resolve(acc); });
    ws.on("unexpected-response", (_req, res) => { clearTimeout(timer); let b = ""; res.on("data", (c) => (b += c)); res.on("end", () => reject(new Error(`${res.statusCode} ${b}`))); });
    ws.on("error", (e) => { clearTimeout(timer); reject(e); });
  });
}

describe("pods/log", () => {
  it("tails, prefixes RFC3339Nano timestamps and resumes from sinceTime without gap or duplicate", async () => {
    const { store, url } = await setup([{ name: "web", containers: [{ name: "app", image: "nginx:1.27" }] }], 50);
    await running(store, "web");
    await new Promise((r) => setTimeout(r, 300));
    const base = `${url}/api/v1/namespaces/default/pods/web/log`;
    const tail = await get(`${base}?tailLines=3&timestamps=true`);
    const lines = tail.text.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z 10\.42\.0\.\d+ - - \[.*\] "GET \S+ HTTP\/1\.1" \d{3} \d+ "-" ".*" seq=\d+$/);
    const all = (await get(`${base}?timestamps=true`)).text.trimEnd().split("\n");
    const cut = all[4].split(" ")[0];
    const cutNs = BigInt(Date.parse(cut.replace(/\.\d+Z$/, "Z"))) * 1_000_000n + BigInt((/\.(\d+)Z$/.exec(cut)?.[1] ?? "").padEnd(9, "0") || "0");
    const next = new Date(Number((cutNs + 1n) / 1_000_000n)).toISOString().slice(0, 19) + "." + ((cutNs + 1n) % 1_000_000_000n).toString().padStart(9, "0") + "Z";
    const resumed = (await get(`${base}?timestamps=true&sinceTime=${encodeURIComponent(next)}`)).text.trimEnd().split("\n");
    expect(resumed[0]).toBe(all[5]);
    expect([...all.slice(0, 5), ...resumed].slice(0, all.length)).toEqual(all);
  });

  it("follows new lines until the client disconnects", async () => {
    const { store, url } = await setup([{ name: "web", containers: [{ name: "app", image: "nginx:1.27" }] }], 100);
    await running(store, "web");
    const ac = new AbortController();
    const res = await fetch(`${url}/api/v1/namespaces/default/pods/web/log?follow=true&tailLines=1`, { signal: ac.signal });
    const reader = res.body!.getReader();
    let text = "";
    const end = Date.now() + 3000;
    while ((text.match(/\n/g)?.length ?? 0) < 10 && Date.now() < end) text += new TextDecoder().decode((await reader.read()).value);
    ac.abort();
    const seqs = text.trim().split("\n").map((l) => Number(/seq=(\d+)/.exec(l)?.[1] ?? 0));
    expect(seqs.length).toBeGreaterThanOrEqual(10);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBe(seqs[i - 1] + 1);
  });

  it("with tailLines=0 a follow starts at now instead of replaying the container's history", async () => {
    const { store, url } = await setup([{ name: "web", containers: [{ name: "app", image: "nginx:1.27" }] }], 100);
    await running(store, "web");
    await new Promise((r) => setTimeout(r, 500));
    const before = (await get(`${url}/api/v1/namespaces/default/pods/web/log`)).text.trimEnd().split("\n");
    const lastSeqBefore = Number(/seq=(\d+)/.exec(before[before.length - 1])?.[1]);
    const ac = new AbortController();
    const res = await fetch(`${url}/api/v1/namespaces/default/pods/web/log?follow=true&tailLines=0`, { signal: ac.signal });
    const reader = res.body!.getReader();
    let text = "";
    const end = Date.now() + 3000;
    while ((text.match(/\n/g)?.length ?? 0) < 3 && Date.now() < end) text += new TextDecoder().decode((await reader.read()).value);
    ac.abort();
    const firstSeq = Number(/seq=(\d+)/.exec(text)?.[1]);
    expect(lastSeqBefore).toBeGreaterThan(10);
    expect(firstSeq).toBeGreaterThanOrEqual(lastSeqBefore);
  });

  it("answers the API server's 400s for waiting containers, missing container names and absent previous logs", async () => {
    const { store, url } = await setup([{ name: "two", containers: [{ name: "a", image: "nginx:1.27" }, { name: "b", image: "redis:7" }] }, { name: "pull", containers: [{ name: "app", image: "nginx:notfound" }] }], 50, 150);
    const base = `${url}/api/v1/namespaces/default/pods`;
    const waiting = await get(`${base}/two/log?container=a`);
    expect(waiting.status).toBe(400);
    expect(JSON.parse(waiting.text).message).toBe('container "a" in pod "two" is waiting to start: ContainerCreating');
    const noName = await get(`${base}/two/log`);
    expect(JSON.parse(noName.text)).toMatchObject({ kind: "Status", code: 400, message: "a container name must be specified for pod two, choose one of: [a b]" });
    await running(store, "two");
    const prev = await get(`${base}/two/log?container=a&previous=true`);
    expect(JSON.parse(prev.text).message).toBe('previous terminated container "a" in pod "two" not found');
    await waitFor(() => (store.get(R.pods, "default", "pull")?.status as Obj)?.containerStatuses?.[0]?.state?.waiting?.reason === "ErrImagePull", 3000);
    expect(JSON.parse((await get(`${base}/pull/log`)).text).message).toBe('container "app" in pod "pull" is waiting to start: trying and failing to pull image');
  });

  it("serves the last crashed instance with previous=true", async () => {
    const { store, url } = await setup([{ name: "crash", containers: [{ name: "app", image: "busybox:crashloop" }] }]);
    await waitFor(() => (store.get(R.pods, "default", "crash")?.status as Obj)?.containerStatuses?.[0]?.lastState?.terminated, 3000, "a crash");
    const prev = await get(`${url}/api/v1/namespaces/default/pods/crash/log?previous=true`);
    expect(prev.status).toBe(200);
    expect(prev.text).toContain("crash: starting busybox:crashloop");
    expect(prev.text.trimEnd().split("\n").pop()).toBe("Error: fatal: exiting with code 1");
  });

  it("stops at limitBytes", async () => {
    const { store, url } = await setup([{ name: "web", containers: [{ name: "app", image: "nginx:1.27" }] }], 200);
    await running(store, "web");
    await new Promise((r) => setTimeout(r, 200));
    const r = await get(`${url}/api/v1/namespaces/default/pods/web/log?limitBytes=100`);
    expect(Buffer.byteLength(r.text)).toBe(100);
  });
});

describe("pods/exec", () => {
  const pod = { name: "web", containers: [{ name: "app", image: "nginx:1.27", env: [{ name: "GREETING", value: "hello" }] }] };

  it.each(["v5.channel.k8s.io", "v4.channel.k8s.io"])("runs argv commands and reports Success over %s", async (protocol) => {
    const { store, url } = await setup([pod]);
    await running(store, "web");
    const r = await exec(`${url}/api/v1/namespaces/default/pods/web/exec?command=echo&command=%24GREETING&command=hi&stdout=true&stderr=true`, protocol);
    expect(r.out).toBe("$GREETING hi\n");
    expect(JSON.parse(r.status)).toEqual({ metadata: {}, status: "Success" });
    const sh = await exec(`${url}/api/v1/namespaces/default/pods/web/exec?command=sh&command=-c&command=${encodeURIComponent("echo $GREETING $HOSTNAME; exit 3")}&stdout=true`, protocol);
    expect(sh.out).toBe("hello web\n");
    expect(JSON.parse(sh.status)).toEqual({ metadata: {}, status: "Failure", message: "command terminated with non-zero exit code: error executing command [sh -c echo $GREETING $HOSTNAME; exit 3], exit code 3", reason: "NonZeroExitCode", details: { causes: [{ reason: "ExitCode", message: "3" }] } });
  });

  it("gives a tty shell a prompt, echoes input and sees resizes through stty size", async () => {
    const { store, url } = await setup([pod]);
    await running(store, "web");
    const r = await exec(`${url}/api/v1/namespaces/default/pods/web/exec?command=bash&stdin=true&stdout=true&tty=true`, "v5.channel.k8s.io", (send) => {
      send(4, JSON.stringify({ Width: 132, Height: 43 }));
      send(0, "stty size\r");
      send(0, "cat /etc/hostname\r");
      send(0, "exit 0\r");
    });
    expect(r.out).toContain("root@web:/# stty size\r\n43 132\r\n");
    expect(r.out).toContain("cat /etc/hostname\r\nweb\r\n");
    expect(JSON.parse(r.status).status).toBe("Success");
  });

  it("without a tty reads stdin silently until the v5 close frame", async () => {
    const { store, url } = await setup([pod]);
    await running(store, "web");
    const r = await exec(`${url}/api/v1/namespaces/default/pods/web/exec?command=sh&stdin=true&stdout=true`, "v5.channel.k8s.io", (send) => {
      send(0, "echo one\npwd\n");
      send(255, "\x00");
    });
    expect(r.out).toBe("one\n/\n");
  });

  it("has no bash in sh-only images and refuses pods that are not running", async () => {
    const { store, url } = await setup([{ name: "mini", containers: [{ name: "app", image: "myapp:sh-only" }] }, { name: "pull", containers: [{ name: "app", image: "nginx:notfound" }] }]);
    await running(store, "mini");
    const r = await exec(`${url}/api/v1/namespaces/default/pods/mini/exec?command=bash&stdin=true&stdout=true&tty=true`, "v4.channel.k8s.io");
    const status = JSON.parse(r.status);
    expect(status).toMatchObject({ reason: "InternalError", code: 500 });
    expect(status.message).toMatch(/^Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in \$PATH: unknown$/);
    expect(r.out + r.err).toBe("");
    await expect(exec(`${url}/api/v1/namespaces/default/pods/pull/exec?command=sh&stdout=true`, "v5.channel.k8s.io")).rejects.toThrow('400 {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"container not found (\\"app\\")"');
  });
});

describe("pods/exec in the database images", () => {
  const images = { pg: "postgres:16.6", my: "mysql:8.4.3", maria: "mariadb:11.4.4", redis: "redis:7.4.1", valkey: "valkey/valkey:8.0.1", mongo: "mongo:7.0.15" };
  const pods = Object.entries(images).map(([name, image]) => ({ name, containers: [{ name: "db", image, env: [{ name: "POSTGRES_USER", value: "app" }, { name: "POSTGRES_DB", value: "shop" }] }] }));
  const url = (base: string, pod: string, argv: string[], extra = "&stdout=true&stderr=true") => `${base}/api/v1/namespaces/default/pods/${pod}/exec?${argv.map((a) => `command=${encodeURIComponent(a)}`).join("&")}${extra}`;

  it("answers each engine's own readiness check, through sh -c and exec as Berth writes them", async () => {
    const { store, url: base } = await setup(pods);
    for (const p of pods) await running(store, p.name);
    const run = (pod: string, argv: string[]) => exec(url(base, pod, argv), "v5.channel.k8s.io");
    expect((await run("pg", ["sh", "-c", 'exec pg_isready -h 127.0.0.1 -U "$POSTGRES_USER" -d "$POSTGRES_DB"'])).out).toBe("127.0.0.1:5432 - accepting connections\n");
    expect((await run("my", ["mysqladmin", "ping", "-h", "127.0.0.1"])).out).toBe("mysqld is alive\n");
    expect(JSON.parse((await run("maria", ["healthcheck.sh", "--connect", "--innodb_initialized"])).status).status).toBe("Success");
    expect((await run("redis", ["redis-cli", "ping"])).out).toBe("PONG\n");
    expect((await run("valkey", ["valkey-cli", "ping"])).out).toBe("PONG\n");
    expect((await run("mongo", ["mongosh", "--quiet", "--eval", 'db.adminCommand("ping")'])).out).toBe("{ ok: 1 }\n");
    expect((await run("pg", ["psql", "--version"])).out).toBe("psql (PostgreSQL) 16.6\n");
  });

  it("has only the programs each image ships: no mysql names in mariadb:11, no psql in redis", async () => {
    const { store, url: base } = await setup(pods);
    for (const p of pods) await running(store, p.name);
    const missing = /exec: "(mysqladmin|mysql|psql)": executable file not found in \$PATH: unknown$/;
    for (const [pod, argv] of [["maria", ["mysqladmin", "ping"]], ["maria", ["mysql"]], ["redis", ["psql"]]] as const) {
      const status = JSON.parse((await exec(url(base, pod, [...argv]), "v5.channel.k8s.io")).status);
      expect(status).toMatchObject({ reason: "InternalError", code: 500 });
      expect(status.message).toMatch(missing);
    }
    const viaShell = await exec(url(base, "maria", ["sh", "-c", "exec mysql -u app"]), "v5.channel.k8s.io");
    expect(viaShell.err).toBe("sh: 1: mysql: not found\n");
    expect(JSON.parse(viaShell.status).details.causes[0].message).toBe("127");
  });

  it("starts the engine's client in a terminal: banner, prompt, its own ping, and quit", async () => {
    const { store, url: base } = await setup(pods);
    for (const p of pods) await running(store, p.name);
    const tty = "&stdin=true&stdout=true&tty=true";
    const psql = await exec(url(base, "pg", ["sh", "-c", 'exec psql -U "$POSTGRES_USER" -d "$POSTGRES_DB"'], tty), "v5.channel.k8s.io", (send) => {
      send(0, "SELECT 1;\r");
      send(0, "\\q\r");
    });
    expect(psql.out).toContain('psql (16.6 (Debian 16.6-1.pgdg120+1))\r\nType "help" for help.\r\n\r\nshop=# SELECT 1;\r\n ?column? \r\n----------\r\n        1\r\n(1 row)\r\n');
    expect(JSON.parse(psql.status).status).toBe("Success");
    const maria = await exec(url(base, "maria", ["sh", "-c", 'MYSQL_PWD="$MARIADB_PASSWORD" exec mariadb -u app shop'], tty), "v5.channel.k8s.io", (send) => send(0, "quit\r"));
    expect(maria.out).toContain("Welcome to the MariaDB monitor.");
    expect(maria.out).toContain("MariaDB [shop]> quit\r\nBye\r\n");
    const redis = await exec(url(base, "redis", ["redis-cli"], tty), "v5.channel.k8s.io", (send) => {
      send(0, "PING\r");
      send(0, "GET x\r");
      send(0, "exit\r");
    });
    expect(redis.out).toContain("127.0.0.1:6379> PING\r\nPONG\r\n127.0.0.1:6379> GET x\r\n");
    expect(redis.out + redis.err).toContain("no database server runs in this container");
  });
});

describe("a container's environment in exec", () => {
  it("carries values from Secrets and ConfigMaps, the pod's fields and $(VAR) references, as the kubelet sets them", async () => {
    const store = createTestStore();
    const ctl: SimController = startControllers(store, { tickMs: 10 });
    cleanups.push(() => ctl.stop());
    const b64 = (s: string) => Buffer.from(s).toString("base64");
    store.create({ group: "", version: "v1", plural: "secrets" }, { apiVersion: "v1", kind: "Secret", metadata: { name: "db-credentials", namespace: "default" }, data: { url: b64("postgresql://app:s3cret@db.shop.svc.cluster.local:5432/shop"), user: b64("app") } });
    store.create(R.configmaps, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: "default" }, data: { MODE: "production" } });
    const env = [
      { name: "DATABASE_URL", valueFrom: { secretKeyRef: { name: "db-credentials", key: "url" } } },
      { name: "POSTGRES_USER", valueFrom: { secretKeyRef: { name: "db-credentials", key: "user" } } },
      { name: "GREETING", value: "hello $(POSTGRES_USER) in $(POD_NAMESPACE)" },
      { name: "POD_NAMESPACE", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
    ];
    store.create(R.pods, applyDefaults({ apiVersion: "v1", kind: "Pod", metadata: { name: "web", namespace: "default" }, spec: { containers: [{ name: "app", image: "postgres:16.6", env, envFrom: [{ configMapRef: { name: "settings" }, prefix: "APP_" }] }] } }));
    const srv = await startStreamServer(store, {});
    cleanups.push(() => srv.close());
    await running(store, "web");
    const r = await exec(`${srv.url}/api/v1/namespaces/default/pods/web/exec?command=env&stdout=true`, "v5.channel.k8s.io");
    expect(r.out).toContain("DATABASE_URL=postgresql://app:s3cret@db.shop.svc.cluster.local:5432/shop\n");
    expect(r.out).toContain("APP_MODE=production\n");
    // Only variables defined earlier expand; POD_NAMESPACE comes after GREETING.
    expect(r.out).toContain("GREETING=hello app in $(POD_NAMESPACE)\n");
    expect(r.out).toContain("POD_NAMESPACE=default\n");
  });
});
