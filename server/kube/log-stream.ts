/**
 * The one place Berth reads `pods/{name}/log`. A followed log is a chunked HTTP response that
 * stays open while the container runs; it is returned as a paused-able Node stream so a slow
 * WebSocket reader can stop the upstream (TCP backpressure) instead of growing a buffer.
 * https://kubernetes.io/docs/reference/generated/kubernetes-api/v1.32/#read-log-pod-v1-core
 *
 * Known limit: the API's `sinceTime` has second precision on real clusters, so callers ask from
 * the whole second and drop lines at or before their exact cursor themselves.
 */
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import type { KubeConfig } from "@kubernetes/client-node";
import { processSingleton } from "@/server/singleton";
import { KubeApiError, KubeNetworkError, type KubeStatus } from "@/server/kube/kube-api-error";
import { streamConnectionOptions } from "@/server/kube/kube-connection-options";

export interface LogRequest {
  namespace: string;
  pod: string;
  container: string;
  follow?: boolean;
  timestamps?: boolean;
  previous?: boolean;
  tailLines?: number;
  /** RFC 3339. */
  sinceTime?: string;
  limitBytes?: number;
}

export interface LogResponse {
  body: IncomingMessage;
  /** Ends the upstream request; safe to call more than once. */
  abort(): void;
}

const CONNECT_TIMEOUT_MS = 15_000;
const counter = processSingleton("kube-log-streams-open", () => ({ open: 0 }));

/** Upstream log requests currently open in this process (for /metrics and leak tests). */
export function openLogRequestCount(): number {
  return counter.open;
}

/** Opens one container's log; rejects with KubeApiError (e.g. 400 "waiting to start") or KubeNetworkError. */
export async function openLogStream(kubeConfig: KubeConfig, request: LogRequest, signal?: AbortSignal): Promise<LogResponse> {
  const { server, options } = await streamConnectionOptions(kubeConfig);
  const url = new URL(`${server}/api/v1/namespaces/${encodeURIComponent(request.namespace)}/pods/${encodeURIComponent(request.pod)}/log`);
  const query: Record<string, string | number | boolean | undefined> = {
    container: request.container,
    follow: request.follow || undefined,
    timestamps: request.timestamps || undefined,
    previous: request.previous || undefined,
    tailLines: request.tailLines,
    sinceTime: request.sinceTime,
    limitBytes: request.limitBytes,
  };
  for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
  const transport = url.protocol === "https:" ? https : http;

  return new Promise<LogResponse>((resolve, reject) => {
    let isOpen = false;
    let isClosed = false;
    const close = () => {
      if (isClosed) return;
      isClosed = true;
      if (isOpen) counter.open--;
      req.destroy();
    };
    const req = transport.request(url, { ...options, agent: false, method: "GET", headers: { ...options.headers, Accept: "*/*" } }, (res) => {
      clearTimeout(timer);
      const status = res.statusCode ?? 0;
      if (status < 200 || status >= 300) {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.length < 64 && chunks.push(c));
        res.on("end", () => {
          close();
          reject(new KubeApiError(status, parseStatus(Buffer.concat(chunks).toString("utf8"), status)));
        });
        res.on("error", () => reject(new KubeApiError(status, { message: `The Kubernetes API answered ${status}.` })));
        return;
      }
      isOpen = true;
      counter.open++;
      res.on("close", close);
      resolve({ body: res, abort: close });
    });
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${CONNECT_TIMEOUT_MS / 1000} s`)), CONNECT_TIMEOUT_MS);
    req.on("error", (err) => {
      clearTimeout(timer);
      close();
      reject(new KubeNetworkError(`The Kubernetes API at ${url.origin} could not be reached for logs (${err.message}).`, { cause: err }));
    });
    signal?.addEventListener("abort", close, { once: true });
    if (signal?.aborted) close();
    req.end();
  });
}

function parseStatus(text: string, code: number): KubeStatus {
  try {
    const parsed = JSON.parse(text) as KubeStatus;
    if (parsed && typeof parsed === "object") return parsed;
  } catch {
    // Not a Status: fall through to the raw text.
  }
  return { code, message: text.trim().slice(0, 500) || `The Kubernetes API answered ${code}.` };
}

/** Splits `"<RFC 3339 timestamp> <text>"` as `timestamps=true` produces; undefined ts if absent. */
export function splitTimestamp(line: string): { ts: string | undefined; text: string } {
  const space = line.indexOf(" ");
  if (space > 0 && /^\d{4}-\d{2}-\d{2}T/.test(line)) return { ts: line.slice(0, space), text: line.slice(space + 1) };
  return { ts: undefined, text: line };
}

/** Epoch nanoseconds of an RFC 3339 timestamp with up to 9 fractional digits (exact, unlike Date). */
export function timestampNs(ts: string): bigint | undefined {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(ts);
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(ms)) return undefined;
  return BigInt(ms) * 1_000_000n + BigInt((m[2] ?? "").padEnd(9, "0"));
}

/** `ts` cut to the whole second (UTC), what the API's `sinceTime` understands everywhere. */
export function wholeSecond(ts: string): string | undefined {
  const ns = timestampNs(ts);
  if (ns === undefined) return undefined;
  return new Date(Number(ns / 1_000_000_000n) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}
