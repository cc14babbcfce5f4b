/**
 * pods/exec over WebSocket (recordings 05*): the handshake (subprotocol choice, refusals), and
 * for a session the server frames' channel order — the empty first frame, output channels, the
 * channel-3 status (compared key for key) — with the client's frames sent at the recorded
 * offsets. Output text is the container's own and is not compared. The recorded web image has
 * no bash (the sim's `:sh-only` tag) and the pause image has no shell at all.
 */
import WebSocket from "ws";
import type { ReplayContext, ReplayTable } from "@/server/sim/conformance/replay/replay-suite";
import { sameShape } from "@/server/sim/conformance/replay/compare-answer";
import { createObject, runningPod, sleep, waitFor } from "@/server/sim/conformance/replay/fixtures";
import type { RecordedRequest, Recording } from "@/server/sim/conformance/replay/recordings";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Frame {
  dir: string;
  channel?: number;
  text?: string;
  tMs: number;
}

interface Session {
  status: number;
  body?: string;
  protocol?: string;
  frames: Frame[];
}

/** Opens the recorded exec request as a WebSocket, plays the client's frames, collects the server's. */
/** Waits for the server to end the session, at most a second past the client's last frame. */
function openSession(ctx: ReplayContext, request: RecordedRequest, clientFrames: Frame[], holdMs = Math.max(0, ...clientFrames.map((f) => f.tMs)) + 1000): Promise<Session> {
  const offered = (request.headers["Sec-WebSocket-Protocol"] ?? "").split(",").map((p) => p.trim()).filter(Boolean);
  const base64 = offered[0] === "v4.base64.channel.k8s.io";
  return new Promise((resolve) => {
    const ws = new WebSocket(`${ctx.sim.httpUrl.replace("http", "ws")}${request.path}`, offered, { headers: { Authorization: `Bearer ${ctx.sim.adminToken}` } });
    const frames: Frame[] = [];
    let openedAt = Date.now();
    let done = false;
    const finish = (s: Omit<Session, "frames">) => {
      if (done) return;
      done = true;
      resolve({ ...s, frames });
    };
    const timer = setTimeout(() => ws.terminate(), holdMs);
    ws.on("unexpected-response", (_req, res) => {
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => finish({ status: res.statusCode ?? 0, body }));
    });
    ws.on("error", () => finish({ status: 0 }));
    ws.on("open", async () => {
      openedAt = Date.now();
      for (const f of clientFrames) {
        await sleep(Math.max(0, f.tMs - (Date.now() - openedAt)));
        if (ws.readyState !== WebSocket.OPEN) break;
        ws.send(Buffer.concat([Buffer.from([f.channel ?? 0]), Buffer.from(f.text ?? "")]));
      }
    });
    ws.on("message", (data: Buffer, isBinary: boolean) => {
      const tMs = Date.now() - openedAt;
      if (isBinary) frames.push({ dir: "server->client", channel: data[0], text: data.subarray(1).toString(), tMs });
      else frames.push({ dir: "server->client", channel: data.toString().charCodeAt(0), text: base64 ? Buffer.from(data.toString().slice(1), "base64").toString() : data.toString().slice(1), tMs });
    });
    ws.on("close", (code) => {
      clearTimeout(timer);
      frames.push({ dir: "event", text: `close ${code}`, tMs: Date.now() - openedAt });
      finish({ status: 101, protocol: ws.protocol });
    });
  });
}

/** Recorded text frames carry the channel as an ASCII digit and a base64 payload. */
function decodeRecorded(frames: Frame[], base64: boolean): Frame[] {
  return frames.map((f) => (base64 && f.dir === "server->client" && f.channel !== undefined ? { ...f, channel: f.channel - 48, text: Buffer.from(f.text ?? "", "base64").toString() } : f));
}

/** The channel order: the first frame, then non-empty frames' channels (runs collapsed), the close. */
function channelOrder(frames: Frame[]): string[] {
  const server = frames.filter((f) => f.dir === "server->client");
  const order = server.slice(0, 1).map((f) => `ch${f.channel}${f.text ? "" : " empty"}`);
  for (const f of server.slice(1)) if (f.text && order.at(-1) !== `ch${f.channel}`) order.push(`ch${f.channel}`);
  const close = frames.find((f) => f.dir === "event" && /^close/.test(f.text ?? ""));
  if (close) order.push(close.text!);
  return order;
}

function statusFrame(frames: Frame[]): unknown {
  const text = frames.find((f) => f.dir === "server->client" && f.channel === 3)?.text;
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function recordedClose(rec: { endedBy?: string; frames?: Frame[] }): Frame[] {
  const close = (rec.frames ?? []).find((f) => (f as Obj).event === "close");
  return close ? [{ dir: "event", text: `close ${(close as Obj).code}`, tMs: close.tMs }] : [];
}

/** Compares one recorded session (`frames`, `negotiatedProtocol`) with the sim's. */
async function compareSession(ctx: ReplayContext, request: RecordedRequest, recorded: { frames: Frame[]; negotiatedProtocol?: string }): Promise<string[]> {
  const base64 = recorded.negotiatedProtocol === "v4.base64.channel.k8s.io";
  const real = [...decodeRecorded(recorded.frames, base64).filter((f) => f.dir !== "event"), ...recordedClose(recorded)];
  const client = recorded.frames.filter((f) => f.dir === "client->server");
  const session = await openSession(ctx, request, client);
  const out = session.status === 101 ? [] : [`status: real 101, sim ${session.status} ${session.body ?? ""}`];
  if ((recorded.negotiatedProtocol ?? "") !== (session.protocol ?? "")) out.push(`protocol: real ${recorded.negotiatedProtocol}, sim ${session.protocol}`);
  out.push(...sameShape(channelOrder(real), channelOrder(session.frames), "channels"));
  out.push(...sameShape(statusFrame(real), statusFrame(session.frames), "channel 3"));
  return out;
}

/** A refused handshake: the HTTP status and body. */
async function compareRefusal(ctx: ReplayContext, rec: Recording): Promise<string[]> {
  const session = await openSession(ctx, rec.request!, []);
  const body = rec.response!.body;
  const out = sameShape({ status: rec.response!.status }, { status: session.status });
  if (typeof body === "string") out.push(...sameShape(body, session.body ?? "", "body"));
  else out.push(...sameShape(body, JSON.parse(session.body || "null"), "body"));
  return out;
}

const session = (rec: Recording, ctx: ReplayContext) => (rec.response?.status === 101 ? compareSession(ctx, rec.request!, rec as unknown as { frames: Frame[]; negotiatedProtocol?: string }) : compareRefusal(ctx, rec));
/** x20 files: the recorded runs all had one order; one sim run must have it too. */
const firstRun = (rec: Recording, ctx: ReplayContext) => compareSession(ctx, rec.request!, (rec.runs as Array<{ frames: Frame[]; negotiatedProtocol: string }>)[0]);

export const execTable: ReplayTable = {
  title: "pod exec",
  sim: { controllerOptions: { tickMs: 50 } },
  setup: async (ctx) => {
    await runningPod(ctx, "execweb", { containers: [{ name: "web", image: "berth-test/web:sh-only" }] });
    await runningPod(ctx, "execpause", { containers: [{ name: "pause", image: "registry.k8s.io/pause:3.9" }] });
    await createObject(ctx, "/api/v1/namespaces/rec/pods", { apiVersion: "v1", kind: "Pod", metadata: { name: "crash" }, spec: { containers: [{ name: "app", image: "busybox:1.35.0", command: ["sh", "-c", "echo starting; exit 3"] }] } });
    await createObject(ctx, "/api/v1/namespaces/rec/pods", { apiVersion: "v1", kind: "Pod", metadata: { name: "img-missing" }, spec: { containers: [{ name: "app", image: "berth-test/web:does-not-exist" }] } });
    await waitFor(ctx, "/api/v1/namespaces/rec/pods/crash", (p) => p.status?.containerStatuses?.[0]?.state?.waiting?.reason === "CrashLoopBackOff");
  },
  cases: [
    { name: "05-summary", replay: async (rec) => sameShape(Object.values(rec.summary as Obj).map((counts) => Object.keys(counts)), Object.values(rec.summary as Obj).map(() => ["status-only"]), "summary") },
    { name: "05a-1-exec-bash-tty-v4-x20", replay: firstRun },
    { name: "05a-2-exec-bash-tty-stderr-true-v4-x20", replay: firstRun },
    { name: "05b-exec-bash-no-tty-v4-x20", replay: firstRun },
    { name: "05c-1-exec-sh-tty-echo-exit3", replay: session },
    { name: "05c-2-exec-sh-tty-exit0", replay: session },
    { name: "05c-3-exec-sh-no-tty-echo-exit3", replay: session },
    { name: "05c-4-exec-command-args-no-stdin", replay: session },
    { name: "05c-5-exec-killed-by-signal", replay: session },
    { name: "05c-6-exec-tty-stderr-true-writes-stderr", replay: session },
    {
      name: "05c-7-exec-tty-short-lived-output-x10",
      replay: async (rec, ctx) => {
        const out: string[] = [];
        for (const [variant, v] of Object.entries(rec.variants as Record<string, { path: string; runs: Array<{ frames: Frame[] }> }>)) {
          const request = { method: "GET", path: v.path, headers: { "Sec-WebSocket-Protocol": "v4.channel.k8s.io" } };
          out.push(...(await compareSession(ctx, request, { frames: v.runs[0].frames, negotiatedProtocol: "v4.channel.k8s.io" })).map((d) => `${variant}: ${d}`));
        }
        return out;
      },
    },
    { name: "05d-1-exec-sh-in-pause-tty-x20", replay: firstRun },
    { name: "05d-2-exec-sh-in-pause-no-tty-x20", replay: firstRun },
    { name: "05d-3-exec-absolute-path-missing", replay: session },
    { name: "05d-4-exec-not-executable", replay: session },
    { name: "05e-1-handshake-v5-only", replay: session },
    { name: "05e-2-handshake-v5-then-v4", replay: session },
    { name: "05e-3-handshake-v4-base64", replay: session },
    { name: "05e-4-handshake-channel-k8s-io", replay: session },
    { name: "05e-5-handshake-no-subprotocol", replay: session },
    { name: "05e-6-handshake-unknown", replay: session },
    { name: "05f-1-exec-pod-not-found", replay: session },
    { name: "05f-2-exec-container-not-found", replay: session },
    { name: "05f-3-exec-no-command", replay: session },
    { name: "05f-4-exec-crashloop-container", replay: session },
    { name: "05f-5-exec-pending-pod", replay: session },
    { name: "05f-6-exec-no-streams", replay: session },
    { name: "05f-7-exec-post-without-upgrade" },
  ],
};
