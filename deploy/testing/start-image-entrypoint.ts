/**
 * Test support: runs Berth as the container image does, without Docker. Lays out a directory
 * with exactly what deploy/Dockerfile's runtime stage copies (read from the Dockerfile): the
 * bundles built as the image builds them, the traced node_modules and pruned .next that
 * `npm run build:runtime` assembles, the `berth` command's link on the PATH, and the stage's
 * ENV. Then starts `node dist/server.mjs` there against the simulated cluster (demo mode).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { assembleRuntime } from "@/deploy/assemble-runtime";
import { buildServer } from "@/deploy/build-server";

const root = path.resolve(import.meta.dirname, "../..");
const DOCKERFILE = path.resolve(import.meta.dirname, "../Dockerfile");
/** Paths written at run time that the pod mounts as volumes (see berth.yaml). */
export const WRITABLE_IN_APP = [path.join(".next", "cache")];

function runtimeStage(): string {
  const text = fs.readFileSync(DOCKERFILE, "utf8");
  return text.slice(text.indexOf("AS runtime"));
}

/** The `COPY --from=build /app/<src> ./<dest>` lines of the Dockerfile's runtime stage. */
export function runtimeCopies(): Array<{ src: string; dest: string }> {
  return [...runtimeStage().matchAll(/^COPY --from=build(?: --chown=\S+)? \/app\/(\S+) \.\/(\S+)$/gm)].map((m) => ({ src: m[1], dest: m[2] }));
}

/** The runtime stage's `ENV` variables (one instruction, continued over lines). */
export function runtimeEnv(): Record<string, string> {
  const instruction = /^ENV ((?:.*\\\n)*.*)$/m.exec(runtimeStage())?.[1] ?? "";
  return Object.fromEntries([...instruction.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1], m[2]]));
}

/** The file under /app that the runtime stage links as /usr/local/bin/berth. */
export function berthCommandTarget(): string {
  const link = /ln -s \/app\/(\S+) \/usr\/local\/bin\/berth\b/.exec(runtimeStage());
  if (!link) throw new Error("deploy/Dockerfile's runtime stage puts no `berth` on the PATH");
  return link[1];
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

/**
 * `npm run build:runtime`'s output for this .next build and the bundles in `<app>/dist`. Tracing
 * takes a minute or more, so it is done once per build and bundle contents and reused by every
 * test file that starts the image.
 */
async function assembledRuntime(app: string): Promise<string> {
  const distDir = path.join(app, "dist");
  const hash = createHash("sha256").update(fs.readFileSync(path.join(root, ".next", "BUILD_ID")));
  for (const bundle of fs.readdirSync(distDir).filter((f) => f.endsWith(".mjs")).sort()) hash.update(fs.readFileSync(path.join(distDir, bundle)));
  const dir = path.join(os.tmpdir(), `berth-image-runtime-${hash.digest("hex").slice(0, 16)}`);
  if (fs.existsSync(dir)) return dir;
  const staging = `${dir}-${process.pid}`;
  // As in the build stage: the bundles resolve the full install while their imports are traced.
  fs.symlinkSync(path.join(root, "node_modules"), path.join(app, "node_modules"), "dir");
  try {
    await assembleRuntime(distDir, staging);
  } finally {
    fs.unlinkSync(path.join(app, "node_modules"));
  }
  try {
    fs.renameSync(staging, dir);
  } catch {
    fs.rmSync(staging, { recursive: true, force: true }); // another test file finished first
  }
  return dir;
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

/** The image's files laid out in a temp directory: `app/` (its /app), `data/` (/data), `tmp/` (/tmp), `bin/berth`. */
export interface ImageLayout {
  work: string;
  app: string;
  dataDir: string;
  /** The image's files before Berth started (excluding node_modules and the writable mounts). */
  filesBeforeStart: string[];
}

/** Lays out exactly what the Dockerfile's runtime stage copies, from this checkout's builds. */
export async function layOutImage(): Promise<ImageLayout> {
  ensureNextBuild();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "berth-image-"));
  const app = path.join(work, "app");
  fs.mkdirSync(app);
  await buildServer(path.join(app, "dist"));
  const runtime = await assembledRuntime(app);
  for (const { src, dest } of runtimeCopies()) {
    if (src === "dist") continue;
    if (src.startsWith("dist/")) fs.copyFileSync(path.join(app, src), path.join(app, dest));
    else if (src.startsWith("runtime/")) fs.cpSync(path.join(runtime, src.slice("runtime/".length)), path.join(app, dest), { recursive: true, verbatimSymlinks: true });
    else fs.cpSync(path.join(root, src), path.join(app, dest), { recursive: true });
  }
  fs.mkdirSync(path.join(work, "bin"));
  fs.symlinkSync(path.join(app, berthCommandTarget()), path.join(work, "bin", "berth"));
  for (const writable of WRITABLE_IN_APP) fs.mkdirSync(path.join(app, writable), { recursive: true });
  const dataDir = path.join(work, "data");
  for (const dir of [dataDir, path.join(work, "tmp")]) fs.mkdirSync(dir);
  return { work, app, dataDir, filesBeforeStart: listFiles(app, ["node_modules", ...WRITABLE_IN_APP]) };
}

/**
 * Assembles the image's files and starts Berth; resolves once it printed its URL and token.
 * With `restartOf`, starts Berth again on that run's files and data directory (the pod
 * restarting on its volume): the token is printed only at first start, so it is carried over.
 */
export async function startImageEntrypoint(options: { startTimeoutMs?: number; restartOf?: RunningImage } = {}): Promise<RunningImage> {
  if (options.restartOf) return launch(options.restartOf.work, options.restartOf.filesBeforeStart, options.startTimeoutMs, options.restartOf.adminToken);
  const layout = await layOutImage();
  return launch(layout.work, layout.filesBeforeStart, options.startTimeoutMs);
}

/** The runtime stage's `CMD ["node", …]` arguments after `node`: what the container runs. */
export function imageCommandArgs(): string[] {
  const cmd = /^CMD (\[.*\])$/m.exec(runtimeStage())?.[1];
  const argv = cmd ? (JSON.parse(cmd) as string[]) : [];
  if (argv[0] !== "node") throw new Error(`deploy/Dockerfile's runtime stage must start Berth with CMD ["node", …], not ${cmd}`);
  return argv.slice(1);
}

/**
 * The environment of a process in the image: the runtime stage's ENV with the paths of this
 * layout (/data, /tmp, the port), `berth` on the PATH, and the simulated cluster.
 */
export function imageEnv(work: string): NodeJS.ProcessEnv {
  const env = runtimeEnv();
  if (env.NODE_ENV !== "production") throw new Error("deploy/Dockerfile's runtime stage must set NODE_ENV=production");
  return {
    ...env,
    NODE_ENV: env.NODE_ENV,
    PATH: `${path.join(work, "bin")}${path.delimiter}${process.env.PATH}`,
    BERTH_DATA_DIR: path.join(work, "data"),
    BERTH_CLUSTER: "sim",
    BERTH_PORT: "0",
    BERTH_HOST: "127.0.0.1",
    HOME: path.join(work, "tmp"),
    TMPDIR: path.join(work, "tmp"),
  };
}

/** Starts `node dist/server.mjs` in an assembled directory and waits until it listens (and printed the token, at first start). */
async function launch(work: string, filesBeforeStart: string[], startTimeoutMs = 45_000, knownToken?: string): Promise<RunningImage> {
  const app = path.join(work, "app");
  const dataDir = path.join(work, "data");
  const child = spawn(process.execPath, imageCommandArgs(), {
    cwd: app,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...imageEnv(work), BERTH_LOG_REQUESTS: "0" },
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
