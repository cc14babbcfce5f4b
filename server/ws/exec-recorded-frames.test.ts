/**
 * Berth's exec session fed the frames a real kube-apiserver v1.28 on containerd 1.6 sent
 * (../shared/real-k8s/05a, 05c, 05d): every recorded missing-bash run must fall back to sh, and a
 * container with no shell at all must end with the one sentence, never the runtime's text.
 */
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import type { KubeObject } from "@/server/kube/kube-object";
import type { SharedInformer } from "@/server/kube/informers";
import { closeTestDb, openTestDb } from "@/server/auth/testing/auth-fixtures";
import { readExecRecording, type RecordedFrame } from "@/server/sim/streams/exec-recordings";
import { handleExecSession, noShellSentence } from "@/server/ws/exec-session";
import { startRecordedExecUpstream, type RecordedExecUpstream } from "@/server/ws/testing/recorded-exec-upstream";

const missingBash = readExecRecording("05a-2-exec-bash-tty-stderr-true-v4-x20");
const shellRuns = readExecRecording("05c-1-exec-sh-tty-echo-exit3");
const noShInPause = readExecRecording("05d-1-exec-sh-in-pause-tty-x20");
const silentSh = readExecRecording("05c-3-exec-sh-no-tty-echo-exit3");

const pod = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "execweb", namespace: "rec", labels: { "berth.dev/project": "rec", "berth.dev/app": "web" } },
  spec: { containers: [{ name: "web" }] },
  status: { phase: "Running", containerStatuses: [{ name: "web", state: { running: {} } }] },
} as unknown as KubeObject;

/** The Pod informer, holding the one recorded pod. */
const pods: SharedInformer = {
  kind: "Pod",
  list: () => [pod],
  get: (name) => (name === "execweb" ? pod : undefined),
  subscribe: () => () => {},
  isSynced: () => true,
  waitForSync: async () => {},
  lastError: () => undefined,
  version: () => "0",
};

let dataDir: string;
let browserServer: Server;
let upstream: RecordedExecUpstream | undefined;
let browserUrl: string;

beforeAll(async () => {
  dataDir = await openTestDb();
  const wss = new WebSocketServer({ noServer: true });
  browserServer = createServer();
  browserServer.on("upgrade", (req, socket, head) =>
    wss.handleUpgrade(req, socket, head, (ws) =>
      handleExecSession(ws, { project: "rec", app: "web", cols: 80, rows: 24 }, {
        kubeConfig: upstream!.kubeConfig,
        pods,
        principal: { userId: "u1", userName: "replay-admin", role: "admin", via: "token", expiresAt: null },
      }),
    ),
  );
  await new Promise<void>((resolve) => browserServer.listen(0, "127.0.0.1", resolve));
  browserUrl = `ws://127.0.0.1:${(browserServer.address() as { port: number }).port}/`;
});
afterAll(async () => {
  await upstream?.close();
  browserServer?.closeAllConnections();
  await new Promise((resolve) => browserServer?.close(resolve));
  await closeTestDb(dataDir);
});

interface Terminal {
  messages: Array<Record<string, unknown>>;
  output(): string;
  waitFor(predicate: (m: Record<string, unknown>) => boolean, what: string): Promise<Record<string, unknown>>;
  send(message: unknown): void;
  close(): void;
  closed: Promise<void>;
}

function openTerminal(): Promise<Terminal> {
  const ws = new WebSocket(browserUrl);
  const messages: Array<Record<string, unknown>> = [];
  const closed = new Promise<void>((resolve) => ws.on("close", () => resolve()));
  ws.on("message", (data) => messages.push(JSON.parse(data.toString()) as Record<string, unknown>));
  const terminal: Terminal = {
    messages,
    output: () => messages.filter((m) => m.type === "stdout" || m.type === "stderr").map((m) => m.data).join(""),
    async waitFor(predicate, what) {
      const deadline = Date.now() + 5000;
      for (;;) {
        const found = messages.find(predicate);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(messages)}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    send: (message) => ws.send(JSON.stringify(message)),
    close: () => ws.close(),
    closed,
  };
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve(terminal));
    ws.once("error", reject);
  });
}

/** Replays, per exec, the next recorded run for its shell: bash from `bash`, sh from `sh`. */
async function replayWith(runs: { bash: RecordedFrame[][]; sh: RecordedFrame[][] }): Promise<void> {
  await upstream?.close();
  const next = { bash: 0, sh: 0 };
  upstream = await startRecordedExecUpstream((command) => {
    const shell = command[0] === "bash" ? "bash" : "sh";
    return runs[shell][next[shell]++ % runs[shell].length];
  });
}

describe("Berth's exec session on the recorded frames of a real node", () => {
  test("each of the 20 recorded missing-bash runs (empty frame, then InternalError) falls back to sh, which runs", async () => {
    await replayWith({ bash: missingBash.runs, sh: shellRuns.runs });
    const terminals = await Promise.all(missingBash.runs.map(() => openTerminal()));
    for (const t of terminals) {
      expect(await t.waitFor((m) => m.type === "session" || m.type === "exit", "session")).toMatchObject({ type: "session", pod: "execweb", container: "web", shell: "sh" });
      await t.waitFor(() => t.output().includes("built-in shell (ash)"), "the busybox banner");
      expect(t.output()).not.toMatch(/OCI runtime|executable file not found/);
    }
    expect(upstream!.commands.filter((c) => c[0] === "bash")).toHaveLength(20);
    for (const t of terminals) t.close();
    await Promise.all(terminals.map((t) => t.closed));
  });

  test("the sh that runs relays its recorded session through to the exit code", async () => {
    await replayWith({ bash: missingBash.runs.slice(0, 1), sh: shellRuns.runs });
    const t = await openTerminal();
    await t.waitFor((m) => m.type === "session", "session");
    t.send({ type: "stdin", data: "echo hi\n" });
    await t.waitFor(() => t.output().includes("echo hi\r\nhi\r\n"), "the echo");
    t.send({ type: "stdin", data: "exit 3\n" });
    expect(await t.waitFor((m) => m.type === "exit", "exit")).toEqual({ type: "exit", code: 3, reason: "The shell exited with code 3." });
    await t.closed;
  });

  test("a shell that prints nothing (the recorded sh without a prompt) runs once it stays silent, and gets what was typed meanwhile", async () => {
    await replayWith({ bash: missingBash.runs.slice(0, 1), sh: silentSh.runs });
    const t = await openTerminal();
    t.send({ type: "stdin", data: "echo hi\n" });
    expect(await t.waitFor((m) => m.type === "session" || m.type === "exit", "session")).toMatchObject({ type: "session", shell: "sh" });
    await t.waitFor(() => t.output() === "hi\n", "the typed command's output");
    t.close();
    await t.closed;
  });

  test("a container with neither bash nor sh (the recorded pause container) ends with one sentence, not the runtime's text", async () => {
    await replayWith({ bash: missingBash.runs, sh: noShInPause.runs });
    const terminals = await Promise.all(noShInPause.runs.map(() => openTerminal()));
    for (const t of terminals) {
      await t.closed;
      expect(t.messages).toEqual([{ type: "exit", code: null, reason: noShellSentence(["bash", "sh"]) }]);
    }
    expect(noShellSentence(["bash", "sh"])).toBe("This image has no shell (tried bash, sh) — use the Logs tab");
  });
});
