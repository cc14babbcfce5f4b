/**
 * /api/ws/exec: one browser terminal attached to a container's shell. The shell is found by
 * trying `bash` and, when the container has no such binary, `sh` — on the same browser socket,
 * which never notices; with neither, the terminal says so in one sentence instead of the
 * runtime's text. Keystrokes, output and resizes are relayed as JSON (lib/ws-protocol.ts); the
 * last message is `exit` with the code or why the session ended. Admins only; every session is
 * audited (exec.start, exec.end with duration and exit code).
 *
 * A database's terminal (`database=` instead of `app=`) first starts the engine's own client
 * (server/engine/databases/engines.ts: psql, mysql, redis-cli, mongosh…, which read the
 * credentials from the container's env, never from argv); an image without that client falls
 * back to the shells — `sh -c "exec psql"` without psql exits 127 (command not found).
 *
 * The session is a small state machine:
 *   finding-pod ──pods synced, target found──▶ trying-shell(client of a database, else bash) ──binary missing──▶ trying-shell(next)
 *   trying-shell ──shell output or silence──▶ running ──exec ended / pod deleted──▶ ended
 *   running ──a shell that stayed silent turns out missing──▶ trying-shell(next)
 *   running(database client) ──exit 127: not in the image──▶ trying-shell(bash); the browser gets a
 *     second `session` naming the shell, and exec.start is audited again for it
 *   any state ──no target, no shell left, error──▶ ended;  browser closed ──▶ closed
 */
import type { IncomingMessage } from "node:http";
import type { KubeConfig } from "@kubernetes/client-node";
import type { WebSocket } from "ws";
import { execClientMessage, execQuery, type ExecQuery, type ExecServerMessage } from "@/lib/ws-protocol";
import { recordAudit } from "@/server/auth/audit";
import type { Principal } from "@/server/auth/principal";
import { admitAccess } from "@/server/ws/ws-access";
import type { SharedInformer } from "@/server/kube/informers";
import type { ExecOutcome } from "@/server/kube/exec-stream";
import type { WsGuardedRoute } from "@/server/ws/gateway";
import { DATABASE_ENGINES, type DatabaseEngine } from "@/lib/schemas/database";
import { ENGINES } from "@/server/engine/databases/engines";
import { containerNames, describeOwner, isRunning, ownerPods } from "@/server/ws/app-pods";
import { ShellAttempt, type HeldOutput, type OutputStream } from "@/server/ws/exec-shell-attempt";
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

const MAX_EARLY_INPUT = 64 * 1024;
/** POSIX sh's exit code for a command it could not find. */
const COMMAND_NOT_FOUND = 127;

/** One program a terminal may start: its name, and the argv that starts it. */
interface Candidate {
  shell: string;
  command: readonly string[];
  /** The database client: "not found" (127) moves on to the shells instead of ending. */
  isClient?: boolean;
}

type ExecState =
  | { name: "finding-pod" }
  | { name: "trying-shell"; index: number; pod: string; container: string; attempt: ShellAttempt }
  | { name: "running"; pod: string; container: string; attempt: ShellAttempt; since: number }
  | { name: "ended"; code: number | null }
  | { name: "closed" };

/** The sentence a terminal shows when no shell could be started in the container. */
export function noShellSentence(shells: string[]): string {
  return `This image has no shell (tried ${shells.join(", ")}) — use the Logs tab`;
}

/** Runs one terminal until either side ends it. */
export function handleExecSession(socket: WebSocket, query: ExecQuery, options: ExecSessionOptions): void {
  new ExecSession(socket, query, options).start();
}

class ExecSession {
  private state: ExecState = { name: "finding-pod" };
  private readonly shells: string[];
  private candidates: Candidate[] = [];
  private size: { cols: number; rows: number };
  /** Keystrokes typed before the shell runs, replayed to it once it does. */
  private earlyInput: string[] = [];
  private earlyBytes = 0;
  /** Set once a shell ran: what exec.end is audited with. */
  private started: { pod: string; container: string; shell: string; at: number } | undefined;
  private exitCode: number | null = null;
  private readonly stopTimers: () => void;

  constructor(
    private readonly socket: WebSocket,
    private readonly query: ExecQuery,
    private readonly options: ExecSessionOptions,
  ) {
    this.shells = options.shells ?? ["bash", "sh"];
    this.size = { cols: query.cols, rows: query.rows };
    const stopKeepalive = startKeepalive(socket, options.keepaliveMs);
    const upstreamKeepalive = setInterval(() => this.attempt()?.ping(), options.keepaliveMs ?? 30_000);
    upstreamKeepalive.unref();
    const unsubscribe = options.pods.subscribe((event) => {
      const s = this.state;
      if (event.type === "delete" && s.name === "running" && event.object.metadata.name === s.pod && event.object.metadata.namespace === query.project) this.end(null, `Pod ${s.pod} was deleted.`);
    });
    this.stopTimers = () => {
      stopKeepalive();
      clearInterval(upstreamKeepalive);
      unsubscribe();
    };
    socket.on("message", (raw) => this.browserMessage(raw.toString()));
    socket.on("close", () => this.browserClosed());
  }

  start(): void {
    this.options.pods.waitForSync(10_000).then(
      () => {
        if (this.state.name !== "finding-pod") return;
        const choice = pickTarget(this.targets(), this.query);
        if (typeof choice === "string") return this.end(null, choice);
        this.candidates = [...this.clientFor(choice.container), ...this.shells.map((shell) => ({ shell, command: [shell] }))];
        this.tryShell(0, choice.pod, choice.container);
      },
      (error: unknown) => this.end(null, `The cluster's pods could not be listed: ${describe(error)}`),
    );
  }

  /** A database container (named after its engine) starts its client before any shell. */
  private clientFor(container: string): Candidate[] {
    if (this.query.database === undefined || !(DATABASE_ENGINES as readonly string[]).includes(container)) return [];
    const engine = ENGINES[container as DatabaseEngine];
    return [{ shell: engine.clientName, command: engine.client, isClient: true }];
  }

  private attempt(): ShellAttempt | undefined {
    return this.state.name === "trying-shell" || this.state.name === "running" ? this.state.attempt : undefined;
  }

  /** finding-pod / trying-shell → trying-shell: exec the next candidate shell. */
  private tryShell(index: number, pod: string, container: string): void {
    const candidate = this.candidates[index];
    const attempt = new ShellAttempt(
      candidate.shell,
      { namespace: this.query.project, pod, container },
      {
        onRunning: (held) => this.shellRunning(attempt, held),
        onOutput: (stream, data) => this.relay(stream, data),
        onEnded: (end) => {
          if (this.attempt() !== attempt) return;
          if (end.isMissingBinary) return this.shellMissing(index, pod, container);
          for (const h of end.held) this.relay(h.stream, h.data);
          if (candidate.isClient && end.outcome?.code === COMMAND_NOT_FOUND) {
            this.relay("stderr", `\r\n${candidate.shell} is not in this image; starting a shell instead.\r\n`);
            return this.shellMissing(index, pod, container);
          }
          this.execEnded(pod, end.outcome);
        },
      },
      candidate.command,
    );
    this.state = { name: "trying-shell", index, pod, container, attempt };
    attempt.open(this.options.kubeConfig, this.size).catch((error: unknown) => {
      if (this.attempt() === attempt) this.end(null, describe(error));
    });
  }

  /** trying-shell (or a silent running) → trying-shell (next shell) or ended (none left). */
  private shellMissing(index: number, pod: string, container: string): void {
    if (index + 1 < this.candidates.length) return this.tryShell(index + 1, pod, container);
    this.end(null, noShellSentence(this.candidates.map((c) => c.shell)));
  }

  /** trying-shell → running: tell the browser, replay what it typed meanwhile, audit the start. */
  private shellRunning(attempt: ShellAttempt, held: HeldOutput[]): void {
    const s = this.state;
    if (s.name !== "trying-shell" || s.attempt !== attempt) return;
    this.state = { name: "running", pod: s.pod, container: s.container, attempt, since: Date.now() };
    this.started = { pod: s.pod, container: s.container, shell: attempt.shell, at: Date.now() };
    this.send({ type: "session", pod: s.pod, container: s.container, shell: attempt.shell, targets: this.targets() });
    for (const h of held) this.relay(h.stream, h.data);
    for (const data of this.earlyInput) attempt.writeStdin(data);
    this.earlyInput = [];
    const { project, app, database } = this.query;
    void recordAudit({ actor: this.options.principal, action: "exec.start", target: `${project}/${s.pod}/${s.container}`, ip: this.options.ip, detail: { project, app, database, pod: s.pod, container: s.container, shell: attempt.shell } }).catch(() => {});
  }

  /** trying-shell / running → ended: the exec finished, with its status or without one. */
  private execEnded(pod: string, outcome: ExecOutcome | undefined): void {
    if (outcome) return this.end(outcome.code, outcome.code === null ? outcome.message : `The shell ${outcome.message}.`);
    const current = this.options.pods.get(pod, this.query.project);
    this.end(null, !current || current.metadata.deletionTimestamp ? `Pod ${pod} went away.` : "The connection to the container was lost.");
  }

  /** any → ended: the last message, then the socket closes. */
  private end(code: number | null, reason: string): void {
    if (this.state.name === "ended" || this.state.name === "closed") return;
    this.attempt()?.close();
    this.state = { name: "ended", code };
    this.exitCode = code;
    this.send({ type: "exit", code, reason });
    this.socket.close(1000, "session ended");
  }

  /** any → closed: the browser went away; close upstream and audit the end of a shell that ran. */
  private browserClosed(): void {
    this.attempt()?.close();
    const wasEnded = this.state.name === "ended";
    this.state = { name: "closed" };
    this.stopTimers();
    if (!this.started) return;
    const { pod, container, shell, at } = this.started;
    const { project, app, database } = this.query;
    void recordAudit({
      actor: this.options.principal,
      action: "exec.end",
      target: `${project}/${pod}/${container}`,
      ip: this.options.ip,
      detail: { project, app, database, pod, container, shell, durationMs: Date.now() - at, exitCode: wasEnded ? this.exitCode : null },
    }).catch(() => {});
  }

  private browserMessage(raw: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return this.send({ type: "error", message: 'Send JSON messages, e.g. {"type":"stdin","data":"ls\\r"}.' });
    }
    const message = execClientMessage.safeParse(parsed);
    if (!message.success) return this.send({ type: "error", message: 'Unknown message: expected {"type":"stdin","data":…} or {"type":"resize","cols":…,"rows":…}.' });
    if (message.data.type === "resize") {
      this.size = { cols: message.data.cols, rows: message.data.rows };
      this.attempt()?.resize(this.size.cols, this.size.rows);
    } else if (this.state.name === "running") this.state.attempt.writeStdin(message.data.data);
    else if (this.earlyBytes + message.data.data.length <= MAX_EARLY_INPUT) {
      this.earlyInput.push(message.data.data);
      this.earlyBytes += message.data.data.length;
    }
  }

  /** Shell output to the browser; a browser that falls behind pauses the upstream exec. */
  private relay(stream: OutputStream, data: string): void {
    this.send({ type: stream, data });
    const attempt = this.attempt();
    const highWater = this.options.highWaterBytes ?? 1024 * 1024;
    if (!attempt || this.socket.bufferedAmount <= highWater) return;
    attempt.pause();
    const wait = setInterval(() => {
      if (this.state.name === "closed" || this.socket.bufferedAmount <= highWater / 2) {
        clearInterval(wait);
        attempt.resume();
      }
    }, 20);
  }

  private send(message: ExecServerMessage): void {
    if (this.state.name !== "closed" && this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private targets(): Array<{ pod: string; containers: string[] }> {
    const { project, app, database } = this.query;
    return ownerPods(this.options.pods, { project, app, database })
      .map((p) => ({ pod: p.metadata.name, containers: containerNames(p).filter((c) => isRunning(p, c)) }))
      .filter((t) => t.containers.length > 0);
  }
}

function pickTarget(targets: Array<{ pod: string; containers: string[] }>, query: ExecQuery): { pod: string; container: string } | string {
  const owner = describeOwner(query);
  if (targets.length === 0) return `No running pod of ${owner} to open a terminal in.`;
  const target = query.pod ? targets.find((t) => t.pod === query.pod) : targets[0];
  if (!target) return `Pod ${query.pod} of ${owner} is not running.`;
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

/** The gateway route: admins only (403 for viewers and deploy tokens before the handshake), a valid query, the limit. */
export function createExecRoute(options: ExecRouteOptions): WsGuardedRoute<Principal> {
  const parse = (req: IncomingMessage) => execQuery.safeParse(Object.fromEntries(new URL(req.url ?? "/", "http://berth.invalid").searchParams));
  return {
    admit(req, principal) {
      const access = admitAccess(principal, "admin", null);
      if (!access.ok) return access;
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
