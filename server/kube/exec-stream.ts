/**
 * The one place Berth opens `pods/{name}/exec`. It speaks the Kubernetes channel protocol over
 * a WebSocket: each binary frame starts with a channel byte — 0 stdin, 1 stdout, 2 stderr,
 * 3 error/status (a JSON `Status` in v4 and v5), 4 resize (`{"Width","Height"}`), and in v5
 * 255 "close" (the client half-closes a stream, e.g. stdin).
 * https://github.com/kubernetes/enhancements/tree/master/keps/sig-api-machinery/4006-transition-spdy-to-websockets
 *
 * The command is always an argv array (one `command=` per word): nothing is ever passed
 * through a shell string built from user input.
 */
import { WebSocket } from "ws";
import type { KubeConfig } from "@kubernetes/client-node";
import { processSingleton } from "@/server/singleton";
import { KubeApiError, KubeNetworkError, type KubeStatus } from "@/server/kube/kube-api-error";
import { streamConnectionOptions } from "@/server/kube/kube-connection-options";

/** Preferred first; v4 lacks only the close channel. */
export const EXEC_SUBPROTOCOLS = ["v5.channel.k8s.io", "v4.channel.k8s.io"] as const;

export interface ExecRequest {
  namespace: string;
  pod: string;
  container: string;
  command: string[];
  tty: boolean;
  /** Attach stdin (default true). False for a command fed nothing, such as a download's `cat`. */
  stdin?: boolean;
}

/** How the command ended: an exit code, or a failure the API reported (code null). */
export interface ExecOutcome {
  code: number | null;
  message: string;
}

export interface ExecHandlers {
  onStdout(data: Buffer): void;
  onStderr(data: Buffer): void;
  /** The status frame: the command ended (or could not start). */
  onOutcome(outcome: ExecOutcome): void;
  /** The socket closed, with or without an outcome before it. */
  onClose(): void;
}

export interface ExecStream {
  protocol: string;
  writeStdin(data: string | Buffer): void;
  resize(cols: number, rows: number): void;
  /** Keeps idle proxies between Berth and the API server from cutting the socket. */
  ping(): void;
  pause(): void;
  resume(): void;
  close(): void;
}

const CONNECT_TIMEOUT_MS = 15_000;
const counter = processSingleton("kube-exec-streams-open", () => ({ open: 0 }));

/** Upstream exec sockets currently open in this process (for leak tests). */
export function openExecStreamCount(): number {
  return counter.open;
}

/** Opens the exec socket; rejects with KubeApiError when the API refuses the upgrade. */
export async function openExecStream(kubeConfig: KubeConfig, request: ExecRequest, handlers: ExecHandlers): Promise<ExecStream> {
  const { server, options } = await streamConnectionOptions(kubeConfig);
  const url = new URL(`${server.replace(/^http/, "ws")}/api/v1/namespaces/${encodeURIComponent(request.namespace)}/pods/${encodeURIComponent(request.pod)}/exec`);
  for (const word of request.command) url.searchParams.append("command", word);
  url.searchParams.set("container", request.container);
  url.searchParams.set("stdin", String(request.stdin ?? true));
  for (const flag of ["stdout", "stderr"]) url.searchParams.set(flag, "true");
  url.searchParams.set("tty", String(request.tty));

  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(options.headers ?? {})) if (value !== undefined) headers[key] = String(value);
  const ws = new WebSocket(url, [...EXEC_SUBPROTOCOLS], {
    ca: options.ca,
    cert: options.cert,
    key: options.key,
    headers,
    perMessageDeflate: false,
    handshakeTimeout: CONNECT_TIMEOUT_MS,
    ...(options.rejectUnauthorized !== undefined ? { rejectUnauthorized: options.rejectUnauthorized } : {}),
  });

  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("unexpected-response", (_req, res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const status = res.statusCode ?? 0;
        let body: KubeStatus = { message: `The Kubernetes API refused the exec with ${status}.` };
        try {
          body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as KubeStatus;
        } catch {
          // Not a Status: keep the generic sentence.
        }
        reject(new KubeApiError(status, body));
      });
      ws.terminate();
    });
    ws.once("error", (err) => reject(new KubeNetworkError(`The Kubernetes API could not be reached for exec (${err.message}).`, { cause: err })));
  });

  counter.open++;
  let isClosed = false;
  ws.on("message", (raw: Buffer, isBinary: boolean) => {
    if (!isBinary || raw.length === 0) return;
    const channel = raw[0];
    const data = raw.subarray(1);
    if (channel === 1) handlers.onStdout(data);
    else if (channel === 2) handlers.onStderr(data);
    else if (channel === 3) handlers.onOutcome(parseOutcome(data.toString("utf8")));
  });
  ws.on("error", () => {});
  ws.on("close", () => {
    if (!isClosed) counter.open--;
    isClosed = true;
    handlers.onClose();
  });

  const sendFrame = (channel: number, data: string | Buffer) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(Buffer.concat([Buffer.from([channel]), Buffer.isBuffer(data) ? data : Buffer.from(data)]));
  };
  return {
    protocol: ws.protocol,
    writeStdin: (data) => sendFrame(0, data),
    resize: (cols, rows) => sendFrame(4, JSON.stringify({ Width: cols, Height: rows })),
    ping: () => ws.readyState === WebSocket.OPEN && ws.ping(),
    pause: () => ws.pause(),
    resume: () => ws.resume(),
    close() {
      if (ws.readyState === WebSocket.OPEN && ws.protocol === "v5.channel.k8s.io") ws.send(Buffer.from([255, 0]));
      ws.close(1000);
      setTimeout(() => ws.terminate(), 2000).unref();
    },
  };
}

/** Reads the status frame: Success → 0; NonZeroExitCode → its ExitCode cause; else the message. */
export function parseOutcome(text: string): ExecOutcome {
  if (!text.trim()) return { code: 0, message: "exited" };
  let status: KubeStatus;
  try {
    status = JSON.parse(text) as KubeStatus;
  } catch {
    return { code: null, message: text.trim() };
  }
  if (status.status === "Success") return { code: 0, message: "exited with code 0" };
  const exitCause = status.details?.causes?.find((c) => (c as { reason?: string }).reason === "ExitCode");
  if (status.reason === "NonZeroExitCode" && exitCause?.message !== undefined) {
    const code = Number(exitCause.message);
    return { code: Number.isInteger(code) ? code : null, message: `exited with code ${exitCause.message}` };
  }
  return { code: null, message: status.message ?? "The exec failed." };
}
