/**
 * For the exec session's tests: an upstream that answers pods/exec with the very frames a real
 * kube-apiserver v1.28 sent (../shared/real-k8s/05*.json), with their recorded timing. It
 * negotiates v4.channel.k8s.io as that server does when offered v5 and v4 (05e-2). Where the
 * recording shows the client sending something, the replay waits for a frame from Berth on that
 * channel before it goes on. `pick` chooses the recorded session for each exec's argv.
 */
import { createServer, type Server } from "node:http";
import { KubeConfig } from "@kubernetes/client-node";
import { WebSocketServer, type WebSocket } from "ws";
import type { RecordedFrame } from "@/server/sim/streams/exec-recordings";

export interface RecordedExecUpstream {
  kubeConfig: KubeConfig;
  /** The argv of every exec opened so far. */
  commands: string[][];
  close(): Promise<void>;
}

export async function startRecordedExecUpstream(pick: (command: string[]) => RecordedFrame[]): Promise<RecordedExecUpstream> {
  const commands: string[][] = [];
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, handleProtocols: (offered) => (offered.has("v4.channel.k8s.io") ? "v4.channel.k8s.io" : false) });
  const server: Server = createServer((_req, res) => res.writeHead(404).end());
  server.on("upgrade", (req, socket, head) => {
    const command = new URL(req.url ?? "/", "http://upstream.invalid").searchParams.getAll("command");
    commands.push(command);
    wss.handleUpgrade(req, socket, head, (ws) => void replay(ws, pick(command)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: "recorded", server: `http://127.0.0.1:${(server.address() as { port: number }).port}`, skipTLSVerify: true }],
    users: [{ name: "recorded", token: "recorded" }],
    contexts: [{ name: "recorded", cluster: "recorded", user: "recorded" }],
    currentContext: "recorded",
  });
  return {
    kubeConfig,
    commands,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function replay(ws: WebSocket, frames: RecordedFrame[]): Promise<void> {
  const received: number[] = [];
  let wake: (() => void) | undefined;
  ws.on("message", (data: Buffer) => {
    received.push(data[0]);
    wake?.();
  });
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
  const clientFrameOn = async (channel: number) => {
    for (;;) {
      const at = received.indexOf(channel);
      if (at >= 0) return void received.splice(0, at + 1);
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };
  let previousMs = frames.find((f) => f.event === "open")?.tMs ?? 0;
  for (const frame of frames) {
    if (frame.event === "open") continue;
    if (ws.readyState !== ws.OPEN) return;
    if (frame.dir === "client->server") {
      await clientFrameOn(frame.channel!);
      previousMs = frame.tMs;
      continue;
    }
    await sleep(frame.tMs - previousMs);
    previousMs = frame.tMs;
    if (frame.event === "close") return ws.close(frame.code ?? 1000);
    ws.send(Buffer.concat([Buffer.from([frame.channel!]), Buffer.from(frame.text ?? "")]));
  }
}
