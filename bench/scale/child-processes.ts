/**
 * The scale bench's two other processes: the seeded simulated API server (sim-process.ts), whose
 * stdin takes commands, and Berth as the image runs it (its files, ENV and CMD).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { imageCommandArgs, layOutImage, runtimeEnv } from "@/deploy/testing/start-image-entrypoint";

export type SimInfo = { url: string; caCert: string; adminToken: string; pods: number };

export interface SimProcess {
  info: SimInfo;
  /** Sends one command line and resolves with the JSON line it answers. */
  command(line: string): Promise<Record<string, unknown>>;
  stop(): void;
}

function firstLine(child: ChildProcess, what: string, timeoutMs: number, match: (line: string) => string | null): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start within ${timeoutMs / 1000} s`)), timeoutMs);
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      const found = match(line);
      if (found === null) return;
      clearTimeout(timer);
      lines.removeAllListeners("line");
      resolve(found);
    });
    child.once("exit", (code) => reject(new Error(`${what} exited (${code}) before it started`)));
  });
}

export async function startSimProcess(): Promise<SimProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "sim-process.ts")], { stdio: ["pipe", "pipe", "inherit"] });
  const info = JSON.parse(await firstLine(child, "the simulated API server", 120_000, (line) => (line.startsWith("{") ? line : null))) as SimInfo;
  const answers = readline.createInterface({ input: child.stdout! });
  const waiting: Array<(answer: Record<string, unknown>) => void> = [];
  answers.on("line", (line) => waiting.shift()?.(JSON.parse(line) as Record<string, unknown>));
  return {
    info,
    command(line) {
      return new Promise((resolve) => {
        waiting.push(resolve);
        child.stdin!.write(`${line}\n`);
      });
    },
    stop: () => void child.kill("SIGTERM"),
  };
}

export interface BerthProcess {
  url: string;
  pid: number;
  /** Resident set size of the Berth process, from /proc. */
  rssMb(): number;
  stop(): void;
}

/**
 * Starts Berth as the container image does: in the files the Dockerfile's runtime stage copies
 * (traced node_modules, the compiled next.config.mjs, no compilers), with its ENV and its
 * `CMD ["node", …]` — so the RSS measured is the pod's, not a checkout's (where Next would load
 * its SWC compiler to read next.config.ts). Needs `npm run build` first.
 */
export async function startBerthProcess(options: { dataDir: string; kubeconfig: string; adminToken: string }): Promise<BerthProcess> {
  const layout = await layOutImage();
  const child = spawn(process.execPath, imageCommandArgs(), {
    cwd: layout.app,
    stdio: ["ignore", "pipe", "inherit"],
    env: {
      ...runtimeEnv(),
      NODE_ENV: "production",
      PATH: process.env.PATH,
      HOME: path.join(layout.work, "tmp"),
      KUBECONFIG: options.kubeconfig,
      BERTH_DATA_DIR: options.dataDir,
      BERTH_ADMIN_TOKEN: options.adminToken,
      BERTH_PORT: "0",
      BERTH_HOST: "127.0.0.1",
      BERTH_LOG_REQUESTS: "0",
    },
  });
  const url = await firstLine(child, "Berth", 120_000, (line) => /Berth listening on (http:\/\/\S+)/.exec(line)?.[1] ?? null);
  child.stdout!.resume();
  return {
    url,
    pid: child.pid!,
    rssMb() {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1] ?? 0);
      return Math.round(kb / 1024);
    },
    stop() {
      child.kill("SIGTERM");
      fs.rmSync(layout.work, { recursive: true, force: true });
    },
  };
}
