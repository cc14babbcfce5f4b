/**
 * The client set for one KubeConfig, built once: a keep-alive connection pool and a JSON
 * request function. client-node builds a fresh agent (a new TCP and TLS handshake) for every
 * request; reusing connections is most of what makes applying a hundred objects fast.
 * Credentials are re-read per request so exec plugins and rotated service-account tokens work.
 * Known limit: HTTP(S) proxies from the kubeconfig (`proxy-url`) are not honoured.
 */
import http from "node:http";
import https from "node:https";
import type { KubeConfig } from "@kubernetes/client-node";
import { processSingleton } from "@/server/singleton";
import { KubeApiError, KubeNetworkError, type KubeStatus } from "@/server/kube/kube-api-error";

export interface KubeRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  /** Default 30 s: the whole request, answer included. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface KubeClients {
  kubeConfig: KubeConfig;
  server: string;
  request<T = unknown>(req: KubeRequest): Promise<T>;
  /** Closes pooled connections (tests, shutdown). */
  close(): void;
}

const MAX_SOCKETS = 32;
/**
 * A connection reset before any answer is retried at once for idempotent requests (GET, apply
 * PATCH, DELETE): the server dropped a pooled keep-alive socket, or refused a burst of new ones.
 * Anything longer-lived is the engine's retry policy's business.
 * https://nodejs.org/api/http.html#requestreusedsocket
 */
const RESET_RETRIES = 3;
const DEFAULT_TIMEOUT_MS = 30_000;

const registry = processSingleton("kube-clients", () => new WeakMap<KubeConfig, KubeClients>());

/** The client set for `kubeConfig`, created on first use and shared by the whole process. */
export function kubeClientsFor(kubeConfig: KubeConfig): KubeClients {
  let clients = registry.get(kubeConfig);
  if (!clients) {
    clients = makeClients(kubeConfig);
    registry.set(kubeConfig, clients);
  }
  return clients;
}

function makeClients(kubeConfig: KubeConfig): KubeClients {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) throw new KubeNetworkError("The kubeconfig has no current cluster.");
  const server = cluster.server.replace(/\/+$/, "");
  const isHttps = server.startsWith("https:");
  let agent: http.Agent | undefined;

  async function connectionOptions(): Promise<{ headers: Record<string, string>; agent: http.Agent }> {
    const opts: https.RequestOptions = {};
    await kubeConfig.applyToHTTPSOptions(opts);
    agent ??= isHttps
      ? new https.Agent({
          keepAlive: true,
          maxSockets: MAX_SOCKETS,
          ca: opts.ca,
          cert: opts.cert,
          key: opts.key,
          pfx: opts.pfx,
          passphrase: opts.passphrase,
          servername: opts.servername,
          ...(opts.rejectUnauthorized !== undefined ? { rejectUnauthorized: opts.rejectUnauthorized } : {}),
        })
      : new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS });
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(opts.headers ?? {})) {
      if (typeof value === "string" || typeof value === "number") headers[key] = String(value);
      else if (Array.isArray(value)) headers[key] = value.join(", ");
    }
    if (opts.auth) headers.Authorization = `Basic ${Buffer.from(opts.auth).toString("base64")}`;
    return { headers, agent };
  }

  return {
    kubeConfig,
    server,
    async request<T>(req: KubeRequest): Promise<T> {
      const { headers, agent: pooled } = await connectionOptions();
      const url = new URL(server + req.path);
      for (const [key, value] of Object.entries(req.query ?? {})) {
        if (value !== undefined) url.searchParams.set(key, String(value));
      }
      const payload = req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body));
      const requestHeaders: Record<string, string> = { ...headers, Accept: "application/json" };
      if (payload) {
        requestHeaders["Content-Type"] = req.contentType ?? "application/json";
        requestHeaders["Content-Length"] = String(payload.length);
      }
      const options = { method: req.method, headers: requestHeaders, agent: pooled };
      for (let attempt = 1; ; attempt++) {
        try {
          return await send<T>(url, options, payload, req.timeoutMs ?? DEFAULT_TIMEOUT_MS, req.signal);
        } catch (err) {
          if (!isConnectionReset(err) || req.method === "POST" || attempt >= RESET_RETRIES || req.signal?.aborted) throw err;
        }
      }
    },
    close() {
      agent?.destroy();
      agent = undefined;
    },
  };
}

function send<T>(url: URL, options: http.RequestOptions, payload: Buffer | undefined, timeoutMs: number, signal?: AbortSignal): Promise<T> {
  const transport = url.protocol === "https:" ? https : http;
  return new Promise<T>((resolve, reject) => {
    const request = transport.request(url, { ...options, signal }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", (err) => reject(new KubeNetworkError(`The Kubernetes API connection broke: ${err.message}`, { cause: err })));
      response.on("end", () => {
        clearTimeout(timer);
        const text = Buffer.concat(chunks).toString("utf8");
        const status = response.statusCode ?? 0;
        const responseHeaders = flattenHeaders(response.headers);
        if (status >= 200 && status < 300) {
          try {
            resolve((text ? JSON.parse(text) : {}) as T);
          } catch {
            reject(new KubeApiError(status, { message: "The Kubernetes API sent a body that is not JSON." }, responseHeaders));
          }
          return;
        }
        reject(new KubeApiError(status, parseStatus(text, status), responseHeaders));
      });
    });
    const timer = setTimeout(() => request.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    request.on("error", (err) => {
      clearTimeout(timer);
      reject(new KubeNetworkError(`The Kubernetes API at ${url.origin} could not be reached (${err.message}).`, { cause: err }));
    });
    request.end(payload);
  });
}

function isConnectionReset(err: unknown): boolean {
  const code = err instanceof KubeNetworkError ? (err.cause as NodeJS.ErrnoException | undefined)?.code : undefined;
  return code === "ECONNRESET" || code === "EPIPE";
}

function parseStatus(text: string, code: number): KubeStatus {
  try {
    const parsed = JSON.parse(text) as KubeStatus;
    if (parsed && typeof parsed === "object") return { kind: "Status", code, ...parsed };
  } catch {
    // fall through: proxies answer 502/503 with HTML or plain text
  }
  return { kind: "Status", code, message: `The Kubernetes API answered ${code}${text ? `: ${text.slice(0, 200)}` : ""}.` };
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined) out[key] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}
