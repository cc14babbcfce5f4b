/**
 * There is no Docker engine on the build machines, so this proves the image's entrypoint the
 * closest way possible: it lays out a directory with exactly what deploy/Dockerfile's runtime
 * stage copies (read from the Dockerfile), builds dist/ as the image does, and starts
 * `node dist/server.mjs` there against the simulated cluster. Then: probes answer, nothing is
 * written outside the data directory, Next's cache and TMPDIR (the pod's root filesystem is
 * read-only), and SIGTERM closes an open WebSocket with 1001 and exits 0 within 10 s.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { buildServer } from "@/deploy/build-server";

const root = path.resolve(import.meta.dirname, "..");
const DOCKERFILE = path.join(import.meta.dirname, "Dockerfile");

/** The `COPY --from=build /app/<src> ./<dest>` lines of the runtime stage. */
function runtimeCopies(): Array<{ src: string; dest: string }> {
  const text = fs.readFileSync(DOCKERFILE, "utf8");
  const runtime = text.slice(text.indexOf("AS runtime"));
  return [...runtime.matchAll(/^COPY --from=build(?: --chown=\S+)? \/app\/(\S+) \.\/(\S+)$/gm)].map((m) => ({ src: m[1], dest: m[2] }));
}

function listFiles(dir: string, skip: Set<string>): string[] {
  const out: string[] = [];
  const visit = (rel: string) => {
    const full = path.join(dir, rel);
    if (skip.has(rel)) return;
    const stat = fs.lstatSync(full);
    if (stat.isDirectory()) for (const child of fs.readdirSync(full)) visit(path.join(rel, child));
    else out.push(`${rel}:${stat.size}:${stat.mtimeMs}`);
  };
  for (const child of fs.readdirSync(dir)) visit(child);
  return out.sort();
}

/**
 * Reuses the build `npm test` makes before the unit tests; builds only when there is none. A
 * build older than the /metrics route cannot serve what this test checks: say so plainly.
 */
function ensureNextBuild(): void {
  const manifest = path.join(root, ".next", "routes-manifest.json");
  if (fs.existsSync(path.join(root, ".next", "BUILD_ID")) && fs.existsSync(manifest)) {
    if (!fs.readFileSync(manifest, "utf8").includes('"/metrics"')) throw new Error("The .next build predates app/metrics; run `npm run build` first.");
    return;
  }
  const build = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: root,
    stdio: "ignore",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    timeout: 600_000,
  });
  if (build.status !== 0) throw new Error("next build failed; run `npm run build` to see why.");
}

describe("the image's entrypoint (node dist/server.mjs)", () => {
  let work: string;
  let app: string;
  let child: ChildProcess;
  let output = "";
  let url = "";
  let adminToken = "";
  let before: string[];
  const exited = { code: null as number | null, signal: null as string | null, at: 0 };

  beforeAll(async () => {
    ensureNextBuild();
    work = fs.mkdtempSync(path.join(os.tmpdir(), "berth-image-"));
    app = path.join(work, "app");
    fs.mkdirSync(app);
    const copies = runtimeCopies();
    expect(copies.map((c) => c.src).sort()).toEqual([".next", "dist", "next.config.ts", "node_modules", "package.json", "prisma", "public"]);
    await buildServer(path.join(app, "dist"));
    for (const { src, dest } of copies) {
      if (src === "dist") continue;
      // node_modules: the repository's (dev dependencies included; the image prunes them).
      if (src === "node_modules") fs.symlinkSync(path.join(root, src), path.join(app, dest), "dir");
      else fs.cpSync(path.join(root, src), path.join(app, dest), { recursive: true, filter: (from) => !from.startsWith(path.join(root, ".next", "cache")) });
    }
    fs.mkdirSync(path.join(app, ".next", "cache"), { recursive: true });
    for (const dir of ["data", "tmp"]) fs.mkdirSync(path.join(work, dir));
    before = listFiles(app, new Set(["node_modules", path.join(".next", "cache")]));

    child = spawn(process.execPath, ["dist/server.mjs"], {
      cwd: app,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        PATH: process.env.PATH,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        BERTH_DATA_DIR: path.join(work, "data"),
        BERTH_CLUSTER: "sim",
        BERTH_PORT: "0",
        BERTH_HOST: "127.0.0.1",
        BERTH_LOG_REQUESTS: "0",
        HOME: path.join(work, "tmp"),
        TMPDIR: path.join(work, "tmp"),
      },
    });
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code, signal) => Object.assign(exited, { code, signal, at: Date.now() }));
    for (let i = 0; i < 450 && !/Berth admin token: \S+/.test(output) && exited.at === 0; i++) await new Promise((r) => setTimeout(r, 100));
    url = /Berth listening on (http:\/\/\S+)/.exec(output)?.[1] ?? "";
    adminToken = /Berth admin token: (\S+)/.exec(output)?.[1] ?? "";
    if (!url || !adminToken) throw new Error(`Berth did not start:\n${output}`);
  }, 90_000);

  afterAll(() => {
    if (child && exited.at === 0) child.kill("SIGKILL");
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it("answers the liveness and readiness probes", async () => {
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    let ready = 0;
    for (let i = 0; i < 50 && ready !== 200; i++) {
      ready = (await fetch(`${url}/readyz`)).status;
      if (ready !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(ready).toBe(200);
  });

  it("serves /metrics to a token holder", async () => {
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${adminToken}` } });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
  });

  it("writes nothing outside the data directory, Next's cache and TMPDIR", () => {
    expect(listFiles(app, new Set(["node_modules", path.join(".next", "cache")]))).toEqual(before);
    expect(fs.existsSync(path.join(work, "data", "berth.db"))).toBe(true);
  });

  it("on SIGTERM closes an open WebSocket with 1001 and exits 0 within 10 s", async () => {
    const socket = new WebSocket(`${url.replace("http", "ws")}/api/ws/live`, {
      headers: { authorization: `Bearer ${adminToken}`, origin: url },
    });
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("error", reject);
      socket.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
    const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));
    const sentAt = Date.now();
    child.kill("SIGTERM");
    expect(await closed).toBe(1001);
    for (let i = 0; i < 110 && exited.at === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(exited.at, `Berth did not exit within 11 s:\n${output}`).toBeGreaterThan(0);
    expect(exited.at - sentAt).toBeLessThan(10_000);
    expect(exited.code).toBe(0);
  }, 20_000);
});
