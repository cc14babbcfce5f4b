/**
 * Test support: runs Berth as the container image does, without Docker. Lays out a directory
 * with exactly what deploy/Dockerfile's runtime stage copies (read from the Dockerfile), builds
 * dist/ into it as the image does, and starts `node dist/server.mjs` there against the
 * simulated cluster (demo mode). Shared by the entrypoint test and future shutdown tests.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildServer } from "@/deploy/build-server";

const root = path.resolve(import.meta.dirname, "../..");
const DOCKERFILE = path.resolve(import.meta.dirname, "../Dockerfile");
/** Paths written at run time that the pod mounts as volumes (see berth.yaml). */
export const WRITABLE_IN_APP = [path.join(".next", "cache")];

/** The `COPY --from=build /app/<src> ./<dest>` lines of the Dockerfile's runtime stage. */
export function runtimeCopies(): Array<{ src: string; dest: string }> {
  const text = fs.readFileSync(DOCKERFILE, "utf8");
  const runtime = text.slice(text.indexOf("AS runtime"));
  return [...runtime.matchAll(/^COPY --from=build(?: --chown=\S+)? \/app\/(\S+) \.\/(\S+)$/gm)].map((m) => ({ src: m[1], dest: m[2] }));
}

/**
 * Reuses the build `npm test` makes before the unit tests; builds only when there is none. A
 * build older than the /metrics route cannot serve what the tests check: say so plainly.
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

/** Files under `dir` with size and mtime, skipping `skip` (relative paths). */
export function listFiles(dir: string, skip: string[]): string[] {
  const out: string[] = [];
  const visit = (rel: string) => {
    if (skip.includes(rel)) return;
    const stat = fs.lstatSync(path.join(dir, rel));
    if (stat.isDirectory()) for (const child of fs.readdirSync(path.join(dir, rel))) visit(path.join(rel, child));
    else out.push(`${rel}:${stat.size}:${stat.mtimeMs}`);
  };
  for (const child of fs.readdirSync(dir)) visit(child);
  return out.sort();
}

export interface RunningImage {
  /** The temp directory: `app/` (the image's /app), `data/` (/data), `tmp/` (/tmp). */
  work: string;
  app: string;
  dataDir: string;
  child: ChildProcess;
  url: string;
  adminToken: string;
  /** The image's files before Berth started (excluding node_modules and the writable mounts). */
  filesBeforeStart: string[];
  output(): string;
  /** When and how the process exited (`at` is 0 while it runs). */
  exited: { code: number | null; signal: string | null; at: number };
  /** Kills the process if still running and removes the temp directory. */
  cleanup(): void;
}

/**
 * Assembles the image's files and starts Berth; resolves once it printed its URL and token.
 * With `restartOf`, starts Berth again on that run's files and data directory (the pod
 * restarting on its volume): the token is printed only at first start, so it is carried over.
 */
export async function startImageEntrypoint(options: { startTimeoutMs?: number; restartOf?: RunningImage } = {}): Promise<RunningImage> {
  if (options.restartOf) return launch(options.restartOf.work, options.restartOf.filesBeforeStart, options.startTimeoutMs, options.restartOf.adminToken);
  ensureNextBuild();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "berth-image-"));
  const app = path.join(work, "app");
  fs.mkdirSync(app);
  await buildServer(path.join(app, "dist"));
  for (const { src, dest } of runtimeCopies()) {
    if (src === "dist") continue;
    // node_modules: the repository's (dev dependencies included; the image prunes them).
    if (src === "node_modules") fs.symlinkSync(path.join(root, src), path.join(app, dest), "dir");
    else fs.cpSync(path.join(root, src), path.join(app, dest), { recursive: true, filter: (from) => !from.startsWith(path.join(root, ".next", "cache")) });
  }
  for (const writable of WRITABLE_IN_APP) fs.mkdirSync(path.join(app, writable), { recursive: true });
  const dataDir = path.join(work, "data");
  for (const dir of [dataDir, path.join(work, "tmp")]) fs.mkdirSync(dir);
  const filesBeforeStart = listFiles(app, ["node_modules", ...WRITABLE_IN_APP]);
  return launch(work, filesBeforeStart, options.startTimeoutMs);
}

/** Starts `node dist/server.mjs` in an assembled directory and waits until it listens (and printed the token, at first start). */
async function launch(work: string, filesBeforeStart: string[], startTimeoutMs = 45_000, knownToken?: string): Promise<RunningImage> {
  const app = path.join(work, "app");
  const dataDir = path.join(work, "data");
  const child = spawn(process.execPath, ["dist/server.mjs"], {
    cwd: app,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      BERTH_DATA_DIR: dataDir,
      BERTH_CLUSTER: "sim",
      BERTH_PORT: "0",
      BERTH_HOST: "127.0.0.1",
      BERTH_LOG_REQUESTS: "0",
      HOME: path.join(work, "tmp"),
      TMPDIR: path.join(work, "tmp"),
    },
  });
  let output = "";
  const exited = { code: null as number | null, signal: null as string | null, at: 0 };
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.on("exit", (code, signal) => Object.assign(exited, { code, signal, at: Date.now() }));
  const cleanup = () => {
    if (exited.at === 0) child.kill("SIGKILL");
    fs.rmSync(work, { recursive: true, force: true });
  };

  const ready = knownToken ? /Berth listening on \S+/ : /Berth admin token: \S+/;
  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline && !ready.test(output) && exited.at === 0) await new Promise((r) => setTimeout(r, 100));
  const url = /Berth listening on (http:\/\/\S+)/.exec(output)?.[1] ?? "";
  const adminToken = knownToken ?? /Berth admin token: (\S+)/.exec(output)?.[1] ?? "";
  if (!url || !adminToken) {
    cleanup();
    throw new Error(`Berth did not start:\n${output}`);
  }
  return { work, app, dataDir, child, url, adminToken, filesBeforeStart, output: () => output, exited, cleanup };
}
