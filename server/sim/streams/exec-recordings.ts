/**
 * For tests: the exec sessions a real kube-apiserver v1.28 (kubelet, containerd 1.6) answered,
 * read from ../shared/real-k8s/05*.json next to the repository (CI puts a copy there). A file
 * holds one session (`frames`) or twenty runs of the same request (`runs[].frames`).
 */
import fs from "node:fs";
import path from "node:path";

export const REAL_K8S_DIR = path.resolve(import.meta.dirname, "../../..", "../shared/real-k8s");

export interface RecordedFrame {
  tMs: number;
  dir: "event" | "server->client" | "client->server";
  event?: "open" | "close";
  code?: number;
  channel?: number;
  text?: string;
}

export interface RecordedExec {
  file: string;
  /** Path and query of the request (namespace `rec`). */
  path: string;
  protocol: string;
  runs: RecordedFrame[][];
}

/** Reads `05…` by its file name without `.json`. */
export function readExecRecording(name: string): RecordedExec {
  const data = JSON.parse(fs.readFileSync(path.join(REAL_K8S_DIR, `${name}.json`), "utf8")) as {
    request: { path: string; headers: Record<string, string> };
    frames?: RecordedFrame[];
    runs?: Array<{ frames: RecordedFrame[] }>;
  };
  const runs = data.runs ? data.runs.map((r) => r.frames) : [data.frames ?? []];
  return { file: name, path: data.request.path, protocol: data.request.headers["Sec-WebSocket-Protocol"], runs };
}

/** A status or output text with containerd's random 64-hex exec id replaced, so runs compare. */
export function withoutExecId(text: string): string {
  return text.replace(/[0-9a-f]{64}/g, "<exec-id>");
}

/** What the server sent, in order: channel and text, status frames parsed (Go escapes `<>&` in JSON). */
export function serverFrames(frames: RecordedFrame[]): Array<{ channel: number; data: unknown }> {
  return frames
    .filter((f) => f.dir === "server->client" && f.channel !== undefined)
    .map((f) => ({ channel: f.channel!, data: f.channel === 3 ? JSON.parse(withoutExecId(f.text ?? "")) : f.text }));
}
