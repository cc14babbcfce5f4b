/**
 * pods/{name}/exec over WebSocket, speaking the Kubernetes channel protocol
 * (https://github.com/kubernetes/enhancements/tree/master/keps/sig-api-machinery/4006-transition-spdy-to-websockets):
 * every binary frame starts with a channel byte — 0 stdin, 1 stdout, 2 stderr, 3 error
 * (a JSON Status in v4+), 4 resize ({"Width","Height"}), 255 close (v5: the client closed a
 * stream, e.g. stdin). Failures detected before the upgrade answer HTTP 400 with a Status.
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { SimError, type KubeObject } from "@/server/sim/contract";
import { hasBash } from "@/server/sim/controllers/image-behaviour";
import { KNOWN_COMMANDS, runArgv, runScript, splitWords, type ShellContext } from "@/server/sim/streams/exec-commands";
import { containerStatusOf, resolveContainer, statusBody } from "@/server/sim/streams/resolve-container";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const EXEC_PROTOCOLS = ["v5.channel.k8s.io", "v4.channel.k8s.io", "channel.k8s.io"];
const SHELLS = new Set(["sh", "/bin/sh", "bash", "/bin/bash"]);

function rejectUpgrade(socket: Duplex, err: SimError): void {
  const body = statusBody(err);
  socket.end(`HTTP/1.1 ${err.code} Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

function exitStatus(argv: string[], code: number, message?: string): string {
  if (code === 0) return JSON.stringify({ metadata: {}, status: "Success" });
  return JSON.stringify({
    metadata: {},
    status: "Failure",
    message: message ?? `command terminated with non-zero exit code: error executing command [${argv.join(" ")}], exit code ${code}`,
    reason: "NonZeroExitCode",
    details: { causes: [{ reason: "ExitCode", message: String(code) }] },
  });
}

export function createExecHandler() {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, handleProtocols: (offered) => EXEC_PROTOCOLS.find((p) => offered.has(p)) ?? false });

  return function handleExecUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, pod: KubeObject, query: URLSearchParams): void {
    let container: string;
    try {
      container = resolveContainer(pod, query.get("container"));
      const cs = containerStatusOf(pod, container);
      if ((pod.status as Obj | undefined)?.phase === "Succeeded" || (pod.status as Obj | undefined)?.phase === "Failed" || !cs?.state?.running) {
        throw new SimError(400, "BadRequest", `container not found ("${container}")`);
      }
      if (query.getAll("command").length === 0) throw new SimError(400, "BadRequest", "you must specify at least 1 command");
    } catch (err) {
      rejectUpgrade(socket, err instanceof SimError ? err : new SimError(500, "InternalError", String(err)));
      return;
    }
    const offered = String(req.headers["sec-websocket-protocol"] ?? "").split(",").map((s) => s.trim());
    if (!EXEC_PROTOCOLS.some((p) => offered.includes(p))) {
      rejectUpgrade(socket, new SimError(400, "BadRequest", `unable to upgrade: no supported subprotocol in [${offered.join(" ")}]; supported: ${EXEC_PROTOCOLS.join(", ")}`));
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => runSession(ws, pod, container, query));
  };
}

function runSession(ws: WebSocket, pod: KubeObject, container: string, query: URLSearchParams): void {
  const protocol = ws.protocol;
  const argv = query.getAll("command");
  const tty = query.get("tty") === "true";
  const spec = ((pod.spec as Obj).containers as Obj[]).find((c) => c.name === container) ?? {};
  const env: Record<string, string> = { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", HOSTNAME: pod.metadata.name, HOME: "/root" };
  for (const e of (spec.env ?? []) as Obj[]) if (typeof e.value === "string") env[e.name] = e.value;
  if (tty) env.TERM = "xterm";
  const ctx: ShellContext = { env, cwd: "/", hostname: pod.metadata.name, shell: "sh", hasBash: hasBash(String(spec.image ?? "")), size: undefined };
  const nl = (s: string) => (tty ? s.replace(/\r?\n/g, "\r\n") : s);
  const send = (channel: number, data: string) => {
    if (ws.readyState === ws.OPEN && data) ws.send(Buffer.concat([Buffer.from([channel]), Buffer.from(data)]));
  };
  let done = false;
  const finish = (code: number, message?: string) => {
    if (done) return;
    done = true;
    send(3, protocol === "channel.k8s.io" ? (code === 0 ? "" : message ?? `command terminated with non-zero exit code: ${code}`) : exitStatus(argv, code, message));
    ws.close(1000);
  };

  const [cmd] = argv;
  const binary = cmd.split("/").pop() ?? cmd;
  if (!KNOWN_COMMANDS.has(cmd) || (binary === "bash" && !ctx.hasBash)) {
    const message = `OCI runtime exec failed: exec failed: unable to start container process: exec: "${cmd}": executable file not found in $PATH: unknown`;
    send(2, `${message}\n`);
    return finish(126, message);
  }
  if (!(SHELLS.has(cmd) && argv.length === 1)) {
    const r = runArgv(argv, ctx);
    send(1, nl(r.stdout));
    send(2, nl(r.stderr));
    return finish(r.exit ?? r.code);
  }

  // An interactive shell reading stdin: prompt and echo only with a terminal, as bash/dash do.
  ctx.shell = binary === "bash" ? "bash" : "sh";
  const prompt = () => (tty ? send(1, ctx.shell === "bash" ? `root@${pod.metadata.name}:${ctx.cwd}# ` : "# ") : undefined);
  let line = "";
  let lastCode = 0;
  const execute = (text: string) => {
    const r = runScript(text, { ...ctx, env: { ...ctx.env, "?": String(lastCode) } } as ShellContext);
    // runScript works on a copy for $?; carry cwd changes back.
    const cdArgs = splitWords(text.trim(), ctx.env);
    if (cdArgs[0] === "cd") runArgv(cdArgs, ctx);
    lastCode = r.code;
    send(1, nl(r.stdout));
    send(2, nl(r.stderr));
    if (r.exit !== undefined) {
      if (tty) send(1, "exit\r\n");
      finish(r.exit);
      return false;
    }
    return true;
  };
  prompt();

  ws.on("message", (raw: Buffer, isBinary: boolean) => {
    if (done) return;
    const buf = Buffer.isBuffer(raw) ? raw : Buffer.from(raw as unknown as ArrayBuffer);
    if (!isBinary && protocol !== "channel.k8s.io") return;
    const channel = buf[0];
    const data = buf.subarray(1).toString("utf8");
    if (channel === 4) {
      try {
        const size = JSON.parse(data) as { Width: number; Height: number };
        ctx.size = { rows: size.Height, cols: size.Width };
      } catch {
        // A malformed resize is ignored, as the kubelet does.
      }
      return;
    }
    if (channel === 255) {
      if (buf[1] === 0) finish(lastCode);
      return;
    }
    if (channel !== 0) return;
    for (const ch of data) {
      if (done) return;
      if (ch === "\r" || ch === "\n") {
        if (ch === "\n" && tty) continue;
        if (tty) send(1, "\r\n");
        const text = line;
        line = "";
        if (execute(text)) prompt();
      } else if (ch === "\x7f" || ch === "\b") {
        if (line) {
          line = line.slice(0, -1);
          if (tty) send(1, "\b \b");
        }
      } else if (ch === "\x03" && tty) {
        line = "";
        send(1, "^C\r\n");
        prompt();
      } else if (ch === "\x04" && line === "") {
        if (tty) send(1, "exit\r\n");
        finish(lastCode);
      } else {
        line += ch;
        if (tty) send(1, ch);
      }
    }
  });
  ws.on("close", () => {
    done = true;
  });
}
