/**
 * There is no Docker engine on the build machines, so this proves the image's entrypoint the
 * closest way possible (see testing/start-image-entrypoint.ts): exactly the files the runtime
 * stage copies, started with `node dist/server.mjs` against the simulated cluster. Then: probes
 * answer, /metrics works, every maintenance command the docs name runs as `berth …` from the
 * PATH, nothing is written outside the data directory, Next's cache and TMPDIR (the pod's root
 * filesystem is read-only), SIGTERM closes an open WebSocket with 1001 and exits 0 within
 * 10 s, and the layout's size is printed and bounded.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { imageEnv, listFiles, runtimeCopies, startImageEntrypoint, WRITABLE_IN_APP, type RunningImage } from "@/deploy/testing/start-image-entrypoint";

const exec = promisify(execFile);
/** Each `berth` run loads the bundle, migrates and opens the database: seconds, more on a busy machine. */
const CLI_TIMEOUT_MS = 120_000;

/** Bytes of `dir`'s regular files (or of the file `dir`) (symlinks count as links, not as their targets). */
function sizeOf(dir: string): number {
  if (!fs.lstatSync(dir).isDirectory()) return fs.lstatSync(dir).size;
  let bytes = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) bytes += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return bytes;
}

/** The `berth` commands the tests below run in the image's layout. */
const RUN_IN_LAYOUT = ["token generate", "token reset", "backup", "restore", "restore-from-cluster"];

describe("the maintenance commands the documents name", () => {
  const documents = ["README.md", "deploy/berth.yaml", "deploy/Dockerfile"];

  it("are `berth …` in the pod, each one run in the image's layout below", () => {
    const named = new Set<string>();
    for (const document of documents) {
      const text = fs.readFileSync(path.resolve(import.meta.dirname, "..", document), "utf8");
      for (const m of text.matchAll(/kubectl -n berth exec \S+ -- (.+?)(?:`|\)|"|$)/gm)) {
        expect(m[1], `${document}: in the pod the command is \`berth …\``).toMatch(/^berth /);
        for (const alternative of m[1].slice("berth ".length).split(" | ")) named.add(alternative.replace(/ (<file>|\/data\/\S+)$/, ""));
      }
      expect(text, `${document} names a command the image does not have`).not.toMatch(/node dist\/(berth|token)\.mjs|exec \S+ -- npm /);
    }
    expect([...named].filter((command) => !RUN_IN_LAYOUT.includes(command))).toEqual([]);
    expect(named.size).toBeGreaterThanOrEqual(4);
  });
});

describe("the image's entrypoint (node dist/server.mjs)", () => {
  let berth: RunningImage;
  let adminToken: string;

  /** `berth …` as `kubectl exec deploy/berth -- berth …` runs it: from the PATH, in WORKDIR, with the image's ENV. */
  async function runBerth(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
    const run = exec("berth", args, { cwd: berth.app, env: { ...imageEnv(berth.work), ...env }, timeout: 60_000 });
    return run.then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );
  }

  beforeAll(async () => {
    expect(runtimeCopies().map((c) => c.src).sort()).toEqual(["dist", "dist/next.config.mjs", "package.json", "prisma", "public", "runtime/.next", "runtime/node_modules"]);
    berth = await startImageEntrypoint({ startTimeoutMs: 90_000 });
    adminToken = berth.adminToken;
  }, 600_000);

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
    expect(bundles.sort()).toEqual(["berth.mjs", "next.config.mjs", "server.mjs"]);
    const imported = new Set<string>();
    for (const bundle of bundles) {
      const code = fs.readFileSync(path.join(berth.app, "dist", bundle), "utf8");
      // A package name has no spaces or brackets: a log line ending in "… from" is not an import.
      for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)"([^"./\s(),][^"\s(),]*)"/g)) {
        if (m[1].startsWith("node:") || builtinModules.includes(m[1].split("/")[0])) continue;
        imported.add(m[1].startsWith("@") ? m[1].split("/").slice(0, 2).join("/") : m[1].split("/")[0]);
      }
    }
    expect(imported.size).toBeGreaterThan(3);
    expect([...imported].filter((name) => !dependencies.includes(name))).toEqual([]);
  });

  it("ships traced node_modules: no compilers, CLIs or browsers, and better-sqlite3's native module", () => {
    const modules = path.join(berth.app, "node_modules");
    const present = ["typescript", "prisma", "playwright-core", "@next/swc-linux-x64-gnu", "tsx", "esbuild", "eslint", "vitest"].filter((name) => fs.existsSync(path.join(modules, name)));
    expect(present).toEqual([]);
    expect(fs.existsSync(path.join(modules, "better-sqlite3/build/Release/better_sqlite3.node"))).toBe(true);
  });

  it("lists the maintenance commands as `berth <command>`, the form that works in the image", async () => {
    const { code, stderr } = await runBerth([]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^Usage: berth <command>$/m);
    for (const command of ["token", "backup", "restore", "restore-from-cluster"]) expect(stderr).toMatch(new RegExp(`^  ${command} `, "m"));
  }, CLI_TIMEOUT_MS);

  it("`berth token generate` prints a token BERTH_ADMIN_TOKEN accepts", async () => {
    const { code, stdout } = await runBerth(["token", "generate"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^berth_[a-z0-9]{8}_[A-Za-z0-9_-]{43,}\n$/);
  }, CLI_TIMEOUT_MS);

  it("`berth token reset` prints a new admin token that the running Berth accepts", async () => {
    const { code, stdout, stderr } = await runBerth(["token", "reset"]);
    expect(code, stderr).toBe(0);
    const token = /^Berth admin token: (berth_\S+)$/m.exec(stdout)?.[1];
    expect(token).toBeDefined();
    expect(token).not.toBe(adminToken);
    adminToken = token!;
    expect((await fetch(`${berth.url}/metrics`, { headers: { authorization: `Bearer ${adminToken}` } })).status).toBe(200);
  }, CLI_TIMEOUT_MS);

  it("`berth backup /data/…` copies the live database; `berth restore` refuses while Berth runs", async () => {
    const file = path.join(berth.dataDir, "backup.db");
    const backup = await runBerth(["backup", file]);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toContain(`Backed up Berth's database to ${file}`);
    expect(fs.statSync(file).size).toBeGreaterThan(0);
    const restore = await runBerth(["restore", file]);
    expect(restore.code).toBe(1);
    expect(restore.stderr).toMatch(/^restore: .*Stop Berth first/m);
  }, CLI_TIMEOUT_MS);

  it("`berth restore-from-cluster` rebuilds an empty database from the cluster", async () => {
    const emptyData = path.join(berth.work, "tmp", "restored-data");
    const { code, stdout, stderr } = await runBerth(["restore-from-cluster"], {
      BERTH_DATA_DIR: emptyData,
      KUBECONFIG: path.join(berth.dataDir, "sim-kubeconfig.yaml"),
    });
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^Restored 0 app\(s\) and 0 database\(s\) in 0 project\(s\) from https:\/\/127\.0\.0\.1:\d+\.$/m);
    expect(fs.existsSync(path.join(emptyData, "berth.db"))).toBe(true);
  }, CLI_TIMEOUT_MS);

  it("writes nothing outside the data directory, Next's cache and TMPDIR", () => {
    expect(listFiles(berth.app, ["node_modules", ...WRITABLE_IN_APP])).toEqual(berth.filesBeforeStart);
    expect(fs.existsSync(path.join(berth.dataDir, "berth.db"))).toBe(true);
  });

  it("on SIGTERM closes an open WebSocket with 1001 and exits 0 within 10 s", async () => {
    const socket = new WebSocket(`${berth.url.replace("http", "ws")}/api/ws/live`, {
      headers: { authorization: `Bearer ${adminToken}`, origin: berth.url },
    });
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("error", reject);
      socket.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
    expect(await (await fetch(`${berth.url}/metrics`, { headers: { authorization: `Bearer ${adminToken}` } })).text()).toContain("berth_websockets_open 1");
    const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));
    const sentAt = Date.now();
    berth.child.kill("SIGTERM");
    expect(await closed).toBe(1001);
    for (let i = 0; i < 110 && berth.exited.at === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(berth.exited.at, `Berth did not exit within 11 s:\n${berth.output()}`).toBeGreaterThan(0);
    expect(berth.exited.at - sentAt).toBeLessThan(10_000);
    expect(berth.exited.code).toBe(0);
  }, 20_000);

  it("`berth restore <file>` replaces the database once Berth has stopped", async () => {
    const restore = await runBerth(["restore", path.join(berth.dataDir, "backup.db")]);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toMatch(/^Restored .*berth\.db from .*backup\.db/m);
  }, CLI_TIMEOUT_MS);

  it("weighs at most 100 MB beside Node and Debian (the image's other ~190 MB)", () => {
    const parts = Object.fromEntries(fs.readdirSync(berth.app).map((entry) => [entry, sizeOf(path.join(berth.app, entry)) / 1e6]));
    const total = Object.values(parts).reduce((a, b) => a + b, 0);
    const rows = Object.entries(parts).sort(([, a], [, b]) => b - a).map(([entry, mb]) => `${entry} ${mb.toFixed(1)}`);
    console.log(`RESULT image runtime layout (/app): ${total.toFixed(1)} MB = ${rows.join(" + ")}`);
    expect(total).toBeLessThanOrEqual(100);
  });
});
