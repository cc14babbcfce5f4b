/**
 * Keystroke round trip in a terminal: the time from sending one character to seeing its echo,
 * through Berth's /api/ws/exec, against the same exec opened directly on the API with the
 * channel protocol (server/kube/exec-stream.ts, what Berth itself uses upstream), in one run.
 * The sim runs in its own process; Berth and both clients share this one, so a GC pause or a
 * busy machine shows up in both columns.
 * Run: npm run bench -- exec [keystrokes]   (target: Berth adds ≤ 5 ms at p95)
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { WebSocket } from "ws";
import { openExecStream } from "@/server/kube/exec-stream";
import { deployApp, startStreamTestEnv } from "@/server/ws/testing/stream-test-env";

const KEYS = Number(process.argv[2] ?? 300);
const KEY_TIMEOUT_MS = 5000;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Sends KEYS single characters one after another, timing each echo. */
async function measure(send: (key: string) => void, onEcho: (listener: (text: string) => void) => void): Promise<number[]> {
  const times: number[] = [];
  let waiting: { key: string; resolve: () => void } | undefined;
  onEcho((text) => {
    if (waiting && text.includes(waiting.key)) {
      const w = waiting;
      waiting = undefined;
      w.resolve();
    }
  });
  for (let i = 0; i < KEYS; i++) {
    const key = String.fromCharCode(97 + (i % 26));
    const started = performance.now();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no echo of ${key} within ${KEY_TIMEOUT_MS} ms`)), KEY_TIMEOUT_MS);
      waiting = { key, resolve: () => (clearTimeout(timer), resolve()) };
      send(key);
    });
    times.push(performance.now() - started);
    if (i % 50 === 49) send("\x03"); // Ctrl-C: keep the shell's line short
    if (i % 50 === 49) await new Promise((r) => setTimeout(r, 20));
  }
  return times;
}

/** The sim runs in its own process (bench/logs/sim-process.ts), as a real API server would. */
function startSimProcess(kubeconfig: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.resolve(import.meta.dirname, "../../node_modules/tsx/dist/cli.mjs"), path.resolve(import.meta.dirname, "../logs/sim-process.ts"), kubeconfig, "1"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (c: Buffer) => c.toString().includes("ready") && resolve(child));
    child.once("exit", (code) => reject(new Error(`the sim process exited with ${code}`)));
  });
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-exec-"));
const kubeconfig = path.join(dir, "kubeconfig.yaml");
const simProcess = await startSimProcess(kubeconfig);
const env = await startStreamTestEnv({ kubeconfigPath: kubeconfig, limits: { logs: 20, exec: 5 } });
let berth: number[] = [];
let direct: number[] = [];
try {
  const [pod] = await deployApp(env, { project: "bench", app: "shell", replicas: 1 });

  const ws = new WebSocket(`${env.url.replace(/^http/, "ws")}/api/ws/exec?project=bench&app=shell&pod=${pod}`, { headers: { authorization: `Bearer ${env.adminToken}`, origin: env.url } });
  const listeners: Array<(text: string) => void> = [];
  await new Promise<void>((resolve, reject) => {
    ws.on("message", (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { type: string; data?: string };
      if (message.type === "session") resolve();
      if (message.type === "stdout" && message.data) for (const l of listeners) l(message.data);
    });
    ws.on("error", reject);
  });
  berth = await measure((key) => ws.send(JSON.stringify({ type: "stdin", data: key })), (l) => listeners.push(l));
  ws.close();

  const directListeners: Array<(text: string) => void> = [];
  const stream = await openExecStream(env.kubeConfig, { namespace: "bench", pod, container: "shell", command: ["bash"], tty: true }, {
    onStdout: (data) => directListeners.forEach((l) => l(data.toString("utf8"))),
    onStderr: () => {},
    onOutcome: () => {},
    onClose: () => {},
  });
  await new Promise((r) => setTimeout(r, 200));
  direct = await measure((key) => stream.writeStdin(key), (l) => directListeners.push(l));
  stream.close();
} finally {
  await env.stop();
  simProcess.kill("SIGTERM");
  fs.rmSync(dir, { recursive: true, force: true });
}

const f = (n: number) => n.toFixed(2);
const [bp50, bp95, dp50, dp95] = [percentile(berth, 50), percentile(berth, 95), percentile(direct, 50), percentile(direct, 95)];
console.log(`${KEYS} keystrokes each. Through Berth: p50 ${f(bp50)} ms, p95 ${f(bp95)} ms. Direct to the API: p50 ${f(dp50)} ms, p95 ${f(dp95)} ms.`);
console.log(`RESULT berth_p50_ms=${f(bp50)} berth_p95_ms=${f(bp95)} direct_p50_ms=${f(dp50)} direct_p95_ms=${f(dp95)} added_p95_ms=${f(bp95 - dp95)}`);
process.exit(0);
