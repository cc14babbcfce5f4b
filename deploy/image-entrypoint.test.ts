/**
 * There is no Docker engine on the build machines, so this proves the image's entrypoint the
 * closest way possible (see testing/start-image-entrypoint.ts): exactly the files the runtime
 * stage copies, started with `node dist/server.mjs` against the simulated cluster. Then: probes
 * answer, /metrics works, nothing is written outside the data directory, Next's cache and
 * TMPDIR (the pod's root filesystem is read-only), and SIGTERM closes an open WebSocket with
 * 1001 and exits 0 within 10 s.
 */
import fs from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { listFiles, runtimeCopies, startImageEntrypoint, WRITABLE_IN_APP, type RunningImage } from "@/deploy/testing/start-image-entrypoint";

describe("the image's entrypoint (node dist/server.mjs)", () => {
  let berth: RunningImage;

  beforeAll(async () => {
    expect(runtimeCopies().map((c) => c.src).sort()).toEqual([".next", "dist", "next.config.ts", "node_modules", "package.json", "prisma", "public"]);
    berth = await startImageEntrypoint();
  }, 90_000);

  afterAll(() => berth?.cleanup());

  it("answers the liveness and readiness probes", async () => {
    expect((await fetch(`${berth.url}/healthz`)).status).toBe(200);
    let ready = 0;
    for (let i = 0; i < 50 && ready !== 200; i++) {
      ready = (await fetch(`${berth.url}/readyz`)).status;
      if (ready !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(ready).toBe(200);
  });

  it("serves /metrics to a token holder", async () => {
    expect((await fetch(`${berth.url}/metrics`)).status).toBe(401);
    const res = await fetch(`${berth.url}/metrics`, { headers: { authorization: `Bearer ${berth.adminToken}` } });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
  });

  it("needs only production dependencies at run time (the image prunes dev dependencies)", () => {
    const dependencies = Object.keys((JSON.parse(fs.readFileSync(path.join(berth.app, "package.json"), "utf8")) as { dependencies: Record<string, string> }).dependencies);
    const bundles = fs.readdirSync(path.join(berth.app, "dist")).filter((f) => f.endsWith(".mjs"));
    expect(bundles.sort()).toEqual(["berth.mjs", "server.mjs", "token.mjs"]);
    const imported = new Set<string>();
    for (const bundle of bundles) {
      const code = fs.readFileSync(path.join(berth.app, "dist", bundle), "utf8");
      for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)"([^"./][^"]*)"/g)) {
        if (m[1].startsWith("node:") || builtinModules.includes(m[1].split("/")[0])) continue;
        imported.add(m[1].startsWith("@") ? m[1].split("/").slice(0, 2).join("/") : m[1].split("/")[0]);
      }
    }
    expect(imported.size).toBeGreaterThan(3);
    expect([...imported].filter((name) => !dependencies.includes(name))).toEqual([]);
  });

  it("writes nothing outside the data directory, Next's cache and TMPDIR", () => {
    expect(listFiles(berth.app, ["node_modules", ...WRITABLE_IN_APP])).toEqual(berth.filesBeforeStart);
    expect(fs.existsSync(path.join(berth.dataDir, "berth.db"))).toBe(true);
  });

  it("on SIGTERM closes an open WebSocket with 1001 and exits 0 within 10 s", async () => {
    const socket = new WebSocket(`${berth.url.replace("http", "ws")}/api/ws/live`, {
      headers: { authorization: `Bearer ${berth.adminToken}`, origin: berth.url },
    });
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("error", reject);
      socket.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
    expect(await (await fetch(`${berth.url}/metrics`, { headers: { authorization: `Bearer ${berth.adminToken}` } })).text()).toContain("berth_websockets_open 1");
    const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));
    const sentAt = Date.now();
    berth.child.kill("SIGTERM");
    expect(await closed).toBe(1001);
    for (let i = 0; i < 110 && berth.exited.at === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(berth.exited.at, `Berth did not exit within 11 s:\n${berth.output()}`).toBeGreaterThan(0);
    expect(berth.exited.at - sentAt).toBeLessThan(10_000);
    expect(berth.exited.code).toBe(0);
  }, 20_000);
});
