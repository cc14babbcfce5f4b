/**
 * pods/{name}/exec over WebSocket, speaking the Kubernetes channel protocol
 * (https://github.com/kubernetes/enhancements/tree/master/keps/sig-api-machinery/4006-transition-spdy-to-websockets):
 * every binary frame starts with a channel byte — 0 stdin, 1 stdout, 2 stderr, 3 error
 * (a JSON Status in v4+), 4 resize ({"Width","Height"}), 255 close (v5: the client closed a
 * stream, e.g. stdin). Failures detected before the upgrade answer HTTP 400 with a Status; a
 * process that cannot start is reported after it, as the kubelet does (exec-start-failure.ts).
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { SimError, type KubeObject, type SimStore } from "@/server/sim/contract";
import { containerEnv } from "@/server/sim/controllers/container-env";
import { containerFs, containerSpecOf } from "@/server/sim/fs/pod-mounts";
import { hasBash } from "@/server/sim/controllers/image-behaviour";
import { runArgv, type ShellContext } from "@/server/sim/streams/exec-commands";
import { ExecChannels } from "@/server/sim/streams/exec-channels";
import { interactiveClientOf, runEngineClient } from "@/server/sim/streams/exec-engine-client";
import { runInteractiveShell } from "@/server/sim/streams/exec-interactive-shell";
import type { ExecRuntime } from "@/server/sim/streams/exec-runtime";
import { startFailureFrames, startFailureText } from "@/server/sim/streams/exec-start-failure";
import { containerStatusOf, resolveContainer, statusBody } from "@/server/sim/streams/resolve-container";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SHELLS = new Set(["sh", "/bin/sh", "bash", "/bin/bash"]);

function rejectUpgrade(socket: Duplex, err: SimError): void {
  const body = statusBody(err);
  socket.end(`HTTP/1.1 ${err.code} Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/** `store` lets a process see env values from Secrets and ConfigMaps (container-env.ts). */
export function createExecHandler(runtime: ExecRuntime, store?: SimStore) {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, handleProtocols: (offered) => runtime.protocols.find((p) => offered.has(p)) ?? false });

  return function handleExecUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, pod: KubeObject, query: URLSearchParams): void {
    let container: string;
    try {
      container = resolveContainer(pod, query.get("container"));
      const cs = containerStatusOf(pod, container);
      if ((pod.status as Obj | undefined)?.phase === "Succeeded" || (pod.status as Obj | undefined)?.phase === "Failed" || !cs?.state?.running) {
        throw new SimError(400, "BadRequest", `container not found ("${container}")`);
      }
    } catch (err) {
      rejectUpgrade(socket, err instanceof SimError ? err : new SimError(500, "InternalError", String(err)));
      return;
    }
    const offered = String(req.headers["sec-websocket-protocol"] ?? "").split(",").map((s) => s.trim());
    if (!runtime.protocols.some((p) => offered.includes(p))) {
      rejectUpgrade(socket, new SimError(400, "BadRequest", `unable to upgrade: no supported subprotocol in [${offered.join(" ")}]; supported: ${runtime.protocols.join(", ")}`));
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => runSession(ws, runtime, store, pod, container, query));
  };
}

function runSession(ws: WebSocket, runtime: ExecRuntime, store: SimStore | undefined, pod: KubeObject, container: string, query: URLSearchParams): void {
  const argv = query.getAll("command");
  const flag = (name: string) => query.get(name) === "true";
  const channels = new ExecChannels(ws, { stdin: flag("stdin"), stdout: flag("stdout"), stderr: flag("stderr"), tty: flag("tty") }, argv);
  ws.on("close", () => channels.markEnded());
  const spec = containerSpecOf(pod, container) ?? {};
  const image = String(spec.image ?? "");

  const runcText = startFailureText(argv, image);
  if (runcText !== undefined) {
    const { order, delayMs } = runtime.nextFailure();
    return channels.play(startFailureFrames(order, { argv, runcText, firstChannel: channels.firstChannel, delayMs, tty: channels.flags.tty }, (s) => channels.statusText(s)));
  }

  const env = containerEnv(store, pod, spec);
  if (channels.flags.tty) env.TERM = "xterm";
  const binary = argv[0].split("/").pop();
  const fs = store ? containerFs(store, pod, spec) : undefined;
  const ctx: ShellContext = { env, cwd: String(spec.workingDir ?? "/"), hostname: pod.metadata.name, shell: binary === "bash" ? "bash" : "sh", hasBash: hasBash(image), size: undefined, image, fs, store, namespace: pod.metadata.namespace };
  channels.sendEmpty();
  if (SHELLS.has(argv[0]) && argv.length === 1) return runInteractiveShell(ws, channels, ctx, !ctx.hasBash);
  const client = channels.flags.stdin ? interactiveClientOf(argv, ctx) : undefined;
  if (client) return runEngineClient(ws, channels, ctx, client);
  // A one-shot command reads stdin to its end first (`kubectl exec -i … -- sh -c 'cat > f' < file`).
  // With a TTY the user is at a terminal, so the process starts at once (a missing program must say so).
  collectStdin(ws, channels.flags.stdin && !channels.flags.tty && ws.protocol === "v5.channel.k8s.io", (stdin) => {
    const r = runArgv(argv, ctx, stdin);
    for (const c of r.chunks ?? []) {
      if (c.fd === 1) channels.stdout(c.data);
      else channels.stderr(c.data);
    }
    channels.exit(r.exit ?? r.code);
  });
}

/**
 * Everything the client sends on stdin until it closes it (a v5 close frame for channel 0, or
 * the socket ending), then `done`; at once when the exec has no stdin or the protocol cannot say
 * that stdin ended (before v5), where the process reads nothing.
 */
function collectStdin(ws: WebSocket, hasStdin: boolean, done: (stdin: Buffer) => void): void {
  if (!hasStdin) return done(Buffer.alloc(0));
  const parts: Buffer[] = [];
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    done(Buffer.concat(parts));
  };
  ws.on("message", (raw: Buffer) => {
    const frame = Buffer.isBuffer(raw) ? raw : Buffer.from(raw as ArrayBuffer);
    if (frame[0] === 0) parts.push(frame.subarray(1));
    else if (frame[0] === 255 && frame[1] === 0) finish();
  });
  ws.on("close", finish);
}
