/**
 * /api/ws/exec: one browser terminal attached to a container's shell. The shell is found by
 * trying `bash` and, when the container answers "executable file not found", `sh` — on the
 * same browser socket, which never notices. Keystrokes, output and resizes are relayed as JSON
 * (lib/ws-protocol.ts); the last message is `exit` with the code or why the session ended.
 * Admins only; every session is audited (exec.start, exec.end with duration and exit code).
 */
import type { IncomingMessage } from "node:http";
import { StringDecoder } from "node:string_decoder";
import type { KubeConfig } from "@kubernetes/client-node";
import type { WebSocket } from "ws";
import { execClientMessage, execQuery, type ExecQuery, type ExecServerMessage } from "@/lib/ws-protocol";
import { recordAudit } from "@/server/auth/audit";
import { hasRole, type Principal } from "@/server/auth/principal";
import type { SharedInformer } from "@/server/kube/informers";
import { openExecStream, type ExecOutcome, type ExecStream } from "@/server/kube/exec-stream";
import type { WsGuardedRoute } from "@/server/ws/gateway";
import { containerNames, isAppPod, isRunning } from "@/server/ws/app-pods";
import type { StreamLimits } from "@/server/ws/stream-limits";
import { describeQueryError, startKeepalive } from "@/server/ws/ws-session-helpers";

export interface ExecSessionOptions {
  kubeConfig: KubeConfig;
  pods: SharedInformer;
  principal: Principal;
  ip?: string;
  keepaliveMs?: number;
  /** Shells tried in order. */
  shells?: string[];
  /** Browser bytes queued before upstream output pauses. */
  highWaterBytes?: number;
}

const NOT_FOUND = /executable file not found|no such file or directory|not found in \$PATH/i;
const MAX_EARLY_INPUT = 64 * 1024;

/** Runs one terminal until either side ends it. */
export function handleExecSession(socket: WebSocket, query: ExecQuery, options: ExecSessionOptions): void {
  const shells = options.shells ?? ["bash", "sh"];
  const highWater = options.highWaterBytes ?? 1024 * 1024;
  const ref = { project: query.project, app: query.app };
  let size = { cols: query.cols, rows: query.rows };
  let upstream: ExecStream | undefined;
  let isBrowserClosed = false;
  let isFinished = false;
  let earlyInput: string[] = [];
  let earlyBytes = 0;
  let started: { at: number; pod: string; container: string; shell: string } | undefined;
  let exitCode: number | null = null;

  const send = (message: ExecServerMessage) => {
    if (!isBrowserClosed && socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };

  function finish(code: number | null, reason: string) {
    if (isFinished) return;
    isFinished = true;
    exitCode = code;
    send({ type: "exit", code, reason });
    upstream?.close();
    if (!isBrowserClosed) socket.close(1000, "session ended");
  }

  const appPods = () => options.pods.list(query.project).filter((p) => isAppPod(p, ref));
  const targets = () =>
    appPods()
      .map((p) => ({ pod: p.metadata.name, containers: containerNames(p).filter((c) => isRunning(p, c)) }))
      .filter((t) => t.containers.length > 0);

  async function tryShell(index: number, pod: string, container: string): Promise<void> {
    const shell = shells[index];
    const stdout = new StringDecoder("utf8");
    const stderr = new StringDecoder("utf8");
    let isRunningShell = false;
    let heldStderr = "";
    let outcome: ExecOutcome | undefined;
    const markStarted = () => {
      if (isRunningShell) return;
      isRunningShell = true;
      started = { at: Date.now(), pod, container, shell };
      send({ type: "session", pod, container, shell, targets: targets() });
      if (heldStderr) send({ type: "stderr", data: heldStderr });
      for (const data of earlyInput) stream.writeStdin(data);
      earlyInput = [];
      void recordAudit({ actor: options.principal, action: "exec.start", target: `${query.project}/${pod}/${container}`, ip: options.ip, detail: { project: query.project, app: query.app, pod, container, shell } }).catch(() => {});
    };
    const backpressure = () => {
      if (socket.bufferedAmount > highWater) {
        stream.pause();
        const wait = setInterval(() => {
          if (isBrowserClosed || socket.bufferedAmount <= highWater / 2) {
            clearInterval(wait);
            stream.resume();
          }
        }, 20);
      }
    };
    const stream: ExecStream = await openExecStream(
      options.kubeConfig,
      { namespace: query.project, pod, container, command: [shell], tty: true },
      {
        onStdout(data) {
          markStarted();
          send({ type: "stdout", data: stdout.write(data) });
          backpressure();
        },
        onStderr(data) {
          if (isRunningShell) send({ type: "stderr", data: stderr.write(data) });
          else heldStderr += stderr.write(data);
        },
        onOutcome(result) {
          outcome = result;
        },
        onClose() {
          if (isFinished || isBrowserClosed) return;
          const isMissingShell = !isRunningShell && outcome && NOT_FOUND.test(`${outcome.message}\n${heldStderr}`);
          if (isMissingShell && index + 1 < shells.length) {
            void tryShell(index + 1, pod, container).catch((error: unknown) => finish(null, describe(error)));
            return;
          }
          if (!isRunningShell && heldStderr) send({ type: "stderr", data: heldStderr });
          if (outcome) return finish(outcome.code, outcome.code === null ? outcome.message : `The shell ${outcome.message}.`);
          const current = options.pods.get(pod, query.project);
          finish(null, !current || current.metadata.deletionTimestamp ? `Pod ${pod} went away.` : "The connection to the container was lost.");
        },
      },
    );
    upstream = stream;
    if (isBrowserClosed) return stream.close();
    stream.resize(size.cols, size.rows);
  }

  socket.on("message", (raw) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString());
    } catch {
      return send({ type: "error", message: 'Send JSON messages, e.g. {"type":"stdin","data":"ls\\r"}.' });
    }
    const message = execClientMessage.safeParse(parsed);
    if (!message.success) return send({ type: "error", message: 'Unknown message: expected {"type":"stdin","data":…} or {"type":"resize","cols":…,"rows":…}.' });
    if (message.data.type === "resize") {
      size = { cols: message.data.cols, rows: message.data.rows };
      upstream?.resize(size.cols, size.rows);
    } else if (started && upstream) upstream.writeStdin(message.data.data);
    else if (earlyBytes + message.data.data.length <= MAX_EARLY_INPUT) {
      earlyInput.push(message.data.data);
      earlyBytes += message.data.data.length;
    }
  });

  const unsubscribe = options.pods.subscribe((event) => {
    if (event.type === "delete" && started && event.object.metadata.name === started.pod && event.object.metadata.namespace === query.project) {
      finish(null, `Pod ${started.pod} was deleted.`);
    }
  });
  const stopKeepalive = startKeepalive(socket, options.keepaliveMs);
  const upstreamKeepalive = setInterval(() => upstream?.ping(), options.keepaliveMs ?? 30_000);
  upstreamKeepalive.unref();

  socket.on("close", () => {
    isBrowserClosed = true;
    stopKeepalive();
    clearInterval(upstreamKeepalive);
    unsubscribe();
    upstream?.close();
    if (started) {
      const s = started;
      void recordAudit({
        actor: options.principal,
        action: "exec.end",
        target: `${query.project}/${s.pod}/${s.container}`,
        ip: options.ip,
        detail: { project: query.project, app: query.app, pod: s.pod, container: s.container, shell: s.shell, durationMs: Date.now() - s.at, exitCode: isFinished ? exitCode : null },
      }).catch(() => {});
    }
  });

  options.pods.waitForSync(10_000).then(
    () => {
      if (isBrowserClosed) return;
      const choice = pickTarget(targets(), query);
      if (typeof choice === "string") return finish(null, choice);
      void tryShell(0, choice.pod, choice.container).catch((error: unknown) => finish(null, describe(error)));
    },
    (error: unknown) => finish(null, `The cluster's pods could not be listed: ${describe(error)}`),
  );
}

function pickTarget(targets: Array<{ pod: string; containers: string[] }>, query: ExecQuery): { pod: string; container: string } | string {
  if (targets.length === 0) return `No running pod of ${query.app} to open a terminal in.`;
  const target = query.pod ? targets.find((t) => t.pod === query.pod) : targets[0];
  if (!target) return `Pod ${query.pod} of ${query.app} is not running.`;
  const container = query.container ?? target.containers[0];
  if (!target.containers.includes(container)) return `Container ${container} is not running in pod ${target.pod}.`;
  return { pod: target.pod, container };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface ExecRouteOptions extends Omit<ExecSessionOptions, "kubeConfig" | "pods" | "principal" | "ip"> {
  kubeConfig: () => KubeConfig | undefined;
  pods: (kubeConfig: KubeConfig) => SharedInformer;
  limits: StreamLimits;
}

/** The gateway route: admins only (403 for viewers before the handshake), a valid query, the limit. */
export function createExecRoute(options: ExecRouteOptions): WsGuardedRoute<Principal> {
  const parse = (req: IncomingMessage) => execQuery.safeParse(Object.fromEntries(new URL(req.url ?? "/", "http://berth.invalid").searchParams));
  return {
    admit(req, principal) {
      if (!hasRole(principal.role, "admin")) return { ok: false, status: 403, message: "Only admins may open a terminal in a container; ask an admin for access." };
      const parsed = parse(req);
      if (!parsed.success) return { ok: false, status: 400, message: describeQueryError(parsed.error) };
      const refusal = options.limits.refusal(principal.userId, "exec");
      return refusal ? { ok: false, status: 429, message: refusal } : { ok: true };
    },
    handle(socket, req, principal) {
      const parsed = parse(req);
      const release = options.limits.acquire(principal.userId, "exec");
      const kubeConfig = options.kubeConfig();
      if (!parsed.success || !release || !kubeConfig) {
        release?.();
        socket.send(JSON.stringify({ type: "exit", code: null, reason: kubeConfig ? "Too many terminals open; close one and try again." : "No cluster is connected." }));
        return socket.close(1000, "refused");
      }
      socket.on("close", release);
      handleExecSession(socket, parsed.data, { ...options, kubeConfig, pods: options.pods(kubeConfig), principal, ip: req.socket.remoteAddress });
    },
  };
}
