import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { SimController, SimStore } from "@/server/sim/contract";
import { applyDefaults } from "@/server/sim/validate/apply-defaults";
import { R } from "@/server/sim/controllers/resources";
import { startControllers } from "@/server/sim/controllers/start-controllers";
import { createTestStore } from "@/server/sim/controllers/test-store";
import { waitFor } from "@/server/sim/controllers/test-helpers";
import { ExecRuntime } from "@/server/sim/streams/exec-runtime";
import { readExecRecording, serverFrames, type RecordedFrame } from "@/server/sim/streams/exec-recordings";
import { startStreamServer } from "@/server/sim/streams/test-stream-server";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let store: SimStore;
let controllers: SimController;
let server: Awaited<ReturnType<typeof startStreamServer>>;
const runtime = new ExecRuntime();

beforeAll(async () => {
  store = createTestStore();
  controllers = startControllers(store, { tickMs: 10 });
  // The recorded pods: berth-test/web:1 is busybox (sh, no bash); the pause image has no shell.
  const pods = [
    { name: "execweb", container: "web", image: "berth-test/web:sh-only" },
    { name: "execpause", container: "pause", image: "registry.k8s.io/pause:3.9" },
  ];
  for (const p of pods) store.create(R.pods, applyDefaults({ apiVersion: "v1", kind: "Pod", metadata: { name: p.name, namespace: "rec" }, spec: { containers: [{ name: p.container, image: p.image }] } }));
  server = await startStreamServer(store, { exec: runtime });
  for (const p of pods) await waitFor(() => (store.get(R.pods, "rec", p.name)?.status as Obj)?.containerStatuses?.[0]?.state?.running, 3000, `${p.name} running`);
});
afterAll(async () => {
  await server?.close();
  controllers?.stop();
});

/** Opens `pathAndQuery` like the recorder did and records every frame until the server closes. */
function record(pathAndQuery: string, protocol: string, input: Array<{ afterMs: number; channel: number; text: string }> = []): Promise<RecordedFrame[]> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.url.replace("http", "ws")}${pathAndQuery}`, protocol.split(", "));
    const started = Date.now();
    const frames: RecordedFrame[] = [];
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`no close within 4 s: ${JSON.stringify(frames)}`));
    }, 4000);
    ws.on("open", () => {
      frames.push({ tMs: 0, dir: "event", event: "open" });
      for (const i of input) setTimeout(() => ws.send(Buffer.concat([Buffer.from([i.channel]), Buffer.from(i.text)])), i.afterMs);
    });
    ws.on("message", (d: Buffer) => frames.push({ tMs: Date.now() - started, dir: "server->client", channel: d[0], text: d.subarray(1).toString() }));
    ws.on("close", (code) => {
      clearTimeout(timer);
      frames.push({ tMs: Date.now() - started, dir: "event", event: "close", code });
      resolve(frames);
    });
    ws.on("error", reject);
  });
}

const closeCode = (frames: RecordedFrame[]) => frames.find((f) => f.event === "close")?.code;
const statusDelay = (frames: RecordedFrame[]) => frames.find((f) => f.channel === 3)!.tMs - frames.find((f) => f.channel !== undefined)!.tMs;

describe("a process that cannot start, as a real node reports it", () => {
  it.each(["05a-1-exec-bash-tty-v4-x20", "05a-2-exec-bash-tty-stderr-true-v4-x20", "05b-exec-bash-no-tty-v4-x20", "05d-1-exec-sh-in-pause-tty-x20", "05d-2-exec-sh-in-pause-no-tty-x20", "05d-3-exec-absolute-path-missing", "05f-3-exec-no-command"])(
    "%s: the same frames as recorded — an empty stdout frame, the InternalError status, close 1000",
    async (name) => {
      const recording = readExecRecording(name);
      runtime.configure({ missingBinaryOrders: ["empty-then-status"] });
      const frames = await record(recording.path, recording.protocol);
      expect(serverFrames(frames)).toEqual(serverFrames(recording.runs[0]));
      expect(closeCode(frames)).toBe(1000);
      // The recordings' status came 18–147 ms after the empty frame; a busy test machine may add a little.
      expect(statusDelay(frames)).toBeLessThan(400);
    },
  );

  it("can leave out the empty frame (status only) for the same failure", async () => {
    const { path, protocol, runs } = readExecRecording("05a-1-exec-bash-tty-v4-x20");
    runtime.configure({ missingBinaryOrders: ["status-only"] });
    const frames = await record(path, protocol);
    expect(serverFrames(frames)).toEqual(serverFrames(runs[0]).filter((f) => f.channel === 3));
    expect(closeCode(frames)).toBe(1000);
  });

  it("can write runc's text on stdout before an exit code 126 status, as dockershim did", async () => {
    const { path, protocol } = readExecRecording("05a-1-exec-bash-tty-v4-x20");
    runtime.configure({ missingBinaryOrders: ["text-then-status"] });
    const frames = serverFrames(await record(path, protocol));
    expect(frames.map((f) => f.channel)).toEqual([1, 1, 3]);
    expect(frames[1].data).toBe('OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown\r\n');
    expect(frames[2].data).toMatchObject({ reason: "NonZeroExitCode", details: { causes: [{ reason: "ExitCode", message: "126" }] } });
  });

  it("draws the order of each failed start from its seed: the same seed gives the same orders", async () => {
    const { path, protocol } = readExecRecording("05b-exec-bash-no-tty-v4-x20");
    const orderOf = (frames: RecordedFrame[]) => serverFrames(frames).map((f) => (f.channel === 3 ? "status" : f.data ? "text" : "empty")).join(">");
    const draw = async (seed: number) => {
      runtime.configure({ missingBinaryOrders: ["empty-then-status", "status-only", "text-then-status"], seed });
      const orders: string[] = [];
      for (let i = 0; i < 9; i++) orders.push(orderOf(await record(path, protocol)));
      return orders;
    };
    const first = await draw(7);
    expect(await draw(7)).toEqual(first);
    expect(new Set(first)).toEqual(new Set(["empty>status", "status", "empty>text>status"]));
    const delays = Array.from({ length: 200 }, () => runtime.nextFailure().delayMs);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(18);
    expect(Math.max(...delays)).toBeLessThanOrEqual(147);
    runtime.configure({ missingBinaryOrders: ["empty-then-status"], seed: 1 });
  });
});

describe("a process that runs, as recorded", () => {
  it.each(["05c-4-exec-command-args-no-stdin", "05c-6-exec-tty-stderr-true-writes-stderr"])("%s: the same frames as recorded", async (name) => {
    const recording = readExecRecording(name);
    const frames = await record(recording.path, recording.protocol);
    expect(serverFrames(frames)).toEqual(serverFrames(recording.runs[0]));
    expect(closeCode(frames)).toBe(1000);
  });

  it("05c-3: without a TTY stdout on 1, stderr on 2, and the exit 3 status as recorded", async () => {
    const recording = readExecRecording("05c-3-exec-sh-no-tty-echo-exit3");
    const input = recording.runs[0].filter((f) => f.dir === "client->server").map((f) => ({ afterMs: f.tMs - 19, channel: f.channel!, text: f.text! }));
    const frames = await record(recording.path, recording.protocol, input);
    expect(serverFrames(frames)).toEqual(serverFrames(recording.runs[0]));
  });

  it("05c-1: busybox sh with a TTY starts with an empty frame, then its banner and prompt; exit 3 ends with the recorded status", async () => {
    const recording = readExecRecording("05c-1-exec-sh-tty-echo-exit3");
    const input = recording.runs[0].filter((f) => f.dir === "client->server").map((f) => ({ afterMs: f.tMs - 17, channel: f.channel!, text: f.text! }));
    const frames = serverFrames(await record(recording.path, recording.protocol, input));
    const recorded = serverFrames(recording.runs[0]);
    expect(frames[0]).toEqual({ channel: 1, data: "" });
    const output = frames.slice(1, -1).map((f) => f.data).join("");
    expect(output).toMatch(/^\r\n\r\nBusyBox v1\.\d+\.\d+ .* built-in shell \(ash\)\r\nEnter 'help' for a list of built-in commands\.\r\n\r\n\/ # \x1b\[6n\r\/ # \x1b\[J/);
    expect(output).toContain("echo hi\r\nhi\r\n/ # \x1b[6nexit 3\r\n");
    expect(frames.at(-1)).toEqual(recorded.at(-1));
  });

  it("05c-2: exit 0 is a Success status, and ash says nothing as it leaves", async () => {
    const recording = readExecRecording("05c-2-exec-sh-tty-exit0");
    const frames = serverFrames(await record(recording.path, recording.protocol, [{ afterMs: 200, channel: 0, text: "exit\n" }]));
    expect(frames.at(-1)).toEqual(serverFrames(recording.runs[0]).at(-1));
    expect(frames.slice(0, -1).map((f) => f.data).join("")).toMatch(/ # \x1b\[6nexit\r\n$/);
  });
});
