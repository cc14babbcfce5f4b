/**
 * Log throughput: lines/s and MB/s from the simulated API's pods/log (a fast-logging pod)
 * through Berth's /api/ws/logs to a WebSocket client, against `kubectl logs -f` on the same pod
 * and API server in the same run (each counts lines for a fixed time). Then Berth's memory with
 * 200 concurrent log streams. Run: npm run bench -- logs [seconds]   (target: ratio ≥ 0.9)
 *
 * Known limits: the sim runs in its own process, but Berth and its WebSocket client share this
 * one (kubectl is its own), so the RSS delta includes the client's 200 sockets; both readers
 * are capped by how fast the sim produces lines (BENCH_LOG_RATE, default 20,000 lines/s), and
 * both start at "now" (sinceTime) because the sim computes a tail from the container's start.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { WebSocket } from "ws";
import { deployApp, startStreamTestEnv, type StreamTestEnv } from "@/server/ws/testing/stream-test-env";

const SECONDS = Number(process.argv[2] ?? 5);
const RATE = Number(process.env.BENCH_LOG_RATE ?? 20_000);
const STREAMS = 200;

function countBerth(env: StreamTestEnv, seconds: number): Promise<{ lines: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${env.url.replace(/^http/, "ws")}/api/ws/logs?project=bench&app=fast&sinceTime=${encodeURIComponent(new Date().toISOString())}`, {
      headers: { authorization: `Bearer ${env.adminToken}`, origin: env.url },
    });
    let lines = 0;
    let bytes = 0;
    ws.on("message", (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { type: string; lines?: Array<[number, string, string]> };
      if (message.type !== "lines" || !message.lines) return;
      lines += message.lines.length;
      for (const line of message.lines) bytes += line[1].length + line[2].length + 2;
    });
    ws.on("error", reject);
    ws.on("open", () => setTimeout(() => (ws.close(), resolve({ lines, bytes })), seconds * 1000));
  });
}

function countKubectl(kubeconfig: string, pod: string, seconds: number): Promise<{ lines: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn("kubectl", ["--kubeconfig", kubeconfig, "-n", "bench", "logs", "-f", `--since-time=${new Date().toISOString()}`, "--timestamps", pod], { stdio: ["ignore", "pipe", "pipe"] });
    let lines = 0;
    let bytes = 0;
    child.stdout.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c));
    child.on("error", reject);
    const timer = setTimeout(() => child.kill("SIGTERM"), seconds * 1000);
    child.on("exit", () => {
      clearTimeout(timer);
      if (lines === 0 && stderr) return reject(new Error(`kubectl logs failed: ${stderr}`));
      resolve({ lines, bytes });
    });
  });
}

const mb = (bytes: number) => bytes / 1024 / 1024;
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

/** Starts the sim in a child process and resolves once its kubeconfig is written. */
function startSimProcess(kubeconfig: string, rate: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.resolve(import.meta.dirname, "../../node_modules/tsx/dist/cli.mjs"), path.join(import.meta.dirname, "sim-process.ts"), kubeconfig, String(rate)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (c: Buffer) => c.toString().includes("ready") && resolve(child));
    child.once("exit", (code) => reject(new Error(`the sim process exited with ${code}`)));
  });
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-logs-"));
const kubeconfig = path.join(dir, "kubeconfig.yaml");
const simProcess = await startSimProcess(kubeconfig, RATE);
const fast = await startStreamTestEnv({ kubeconfigPath: kubeconfig, limits: { logs: 1000, exec: 5 } });
let berth: { lines: number; bytes: number };
let kubectl: { lines: number; bytes: number };
try {
  const [pod] = await deployApp(fast, { project: "bench", app: "fast", replicas: 1 });
  await countBerth(fast, 1); // warm-up: informer sync, JIT
  kubectl = await countKubectl(kubeconfig, pod, SECONDS);
  berth = await countBerth(fast, SECONDS);
} finally {
  await fast.stop();
  simProcess.kill("SIGTERM");
}
const berthRate = berth.lines / SECONDS;
const kubectlRate = kubectl.lines / SECONDS;
console.log(`kubectl logs -f: ${fmt(kubectlRate)} lines/s, ${mb(kubectl.bytes / SECONDS).toFixed(1)} MB/s`);
console.log(`Berth /api/ws/logs: ${fmt(berthRate)} lines/s, ${mb(berth.bytes / SECONDS).toFixed(1)} MB/s (text + timestamp)`);

// Memory: 200 concurrent streams of a normally chatty app (10 lines/s per pod, 2 pods).
const calmKubeconfig = path.join(dir, "calm-kubeconfig.yaml");
const calmSim = await startSimProcess(calmKubeconfig, 10);
const calm = await startStreamTestEnv({ kubeconfigPath: calmKubeconfig, limits: { logs: 1000, exec: 5 } });
let rssDeltaMb = 0;
try {
  await deployApp(calm, { project: "bench", app: "calm", replicas: 2 });
  await countBerth(calm, 0.5).catch(() => undefined);
  global.gc?.();
  const before = process.memoryUsage().rss;
  const sockets: WebSocket[] = [];
  let received = 0;
  for (let i = 0; i < STREAMS; i++) {
    const ws = new WebSocket(`${calm.url.replace(/^http/, "ws")}/api/ws/logs?project=bench&app=calm&tail=100`, { headers: { authorization: `Bearer ${calm.adminToken}`, origin: calm.url } });
    ws.on("message", () => received++);
    ws.on("error", () => {});
    sockets.push(ws);
  }
  // Wait (bounded) until every session follows both pods, then let them run a few seconds.
  const deadline = Date.now() + 60_000;
  while (calm.sessions.filter((s) => s.stats().upstreamOpen === 2).length < STREAMS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  await new Promise((r) => setTimeout(r, 3000));
  global.gc?.();
  rssDeltaMb = mb(process.memoryUsage().rss - before);
  const open = calm.sessions.filter((s) => s.stats().upstreamOpen === 2).length;
  console.log(`${STREAMS} streams: ${open} sessions following both pods, ${fmt(received)} messages received, RSS +${rssDeltaMb.toFixed(1)} MB`);
  for (const ws of sockets) ws.close();
  await new Promise((r) => setTimeout(r, 500));
} finally {
  await calm.stop();
  calmSim.kill("SIGTERM");
  fs.rmSync(dir, { recursive: true, force: true });
}

const ratio = kubectlRate > 0 ? berthRate / kubectlRate : 0;
console.log(`RESULT berth_lines_per_s=${Math.round(berthRate)} kubectl_lines_per_s=${Math.round(kubectlRate)} ratio=${ratio.toFixed(2)} rss_mb_200_streams=${rssDeltaMb.toFixed(1)}`);
process.exit(0);
