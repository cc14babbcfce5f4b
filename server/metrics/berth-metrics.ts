/**
 * Berth's metrics: one prom-client Registry per process (processSingleton: the custom server
 * records requests, the /metrics route handler lives in Next's bundle, both must see the same
 * numbers, so the registry is never prom-client's global default).
 *
 * Who feeds what:
 *  - the request log (server/berth-server.ts) → `recordRequestLine` per finished request
 *  - server/main.ts → `installProcessMetrics({ projectDir, websocketsOpen })` at start
 *  - the engine's informers → `setKubeWatchesSource(() => count)`
 *  - the engine's reconcile loop → `observeReconcile(seconds, outcome)`
 *  - any failure worth counting → `countError(kind)` (kind from a small fixed set)
 */
import { processSingleton } from "@/server/singleton";
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { createRouteLabeller, routeLabellerFromBuild, type RouteLabeller } from "@/server/metrics/route-label";

/** Reconciles take from milliseconds (nothing changed) to minutes (a slow rollout). */
const RECONCILE_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

const ERROR_KINDS = ["http_5xx", "kube_api", "kube_watch", "reconcile", "database", "websocket"] as const;

/** A fixed vocabulary, so the label cannot grow with error messages. */
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** A value read at every scrape (e.g. the gateway's open socket count); NaN if it throws. */
type GaugeSource = { read: (() => number) | undefined };

function sampled(source: GaugeSource): number {
  try {
    return source.read ? source.read() : 0;
  } catch {
    return NaN;
  }
}

function makeMetrics() {
  const registry = new Registry();
  const websocketSource: GaugeSource = { read: undefined };
  const watchSource: GaugeSource = { read: undefined };
  const errors = new Counter({ name: "berth_errors_total", help: "Errors Berth handled, by kind.", labelNames: ["kind"], registers: [registry] });
  // Every kind starts at 0 so rate() and alerts work before the first error.
  for (const kind of ERROR_KINDS) errors.inc({ kind }, 0);
  return {
    errors,
    registry,
    websocketSource,
    watchSource,
    labelRoute: createRouteLabeller([]) as RouteLabeller,
    httpRequests: new Counter({
      name: "http_requests_total",
      help: "HTTP requests served, by route pattern, method and status.",
      labelNames: ["method", "route", "status"],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: "http_request_duration_seconds",
      help: "Time to serve an HTTP request, by route pattern and method.",
      labelNames: ["method", "route"],
      registers: [registry],
    }),
    websocketsOpen: new Gauge({
      name: "berth_websockets_open",
      help: "WebSockets open between browsers and Berth (live updates, logs, terminals).",
      registers: [registry],
      collect() {
        this.set(sampled(websocketSource));
      },
    }),
    kubeWatches: new Gauge({
      name: "berth_kube_watches_open",
      help: "Watches Berth holds open on the Kubernetes API (one shared informer per kind).",
      registers: [registry],
      collect() {
        this.set(sampled(watchSource));
      },
    }),
    reconcile: new Histogram({
      name: "berth_reconcile_duration_seconds",
      help: "Time to reconcile one app, by outcome.",
      labelNames: ["outcome"],
      buckets: RECONCILE_BUCKETS,
      registers: [registry],
    }),
  };
}

export function berthMetrics(): ReturnType<typeof makeMetrics> {
  return processSingleton("metrics", makeMetrics);
}

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** Records one finished request from the JSON line server/http/request-log.ts writes. */
export function recordRequestLine(line: string): void {
  let parsed: { method?: unknown; path?: unknown; status?: unknown; durationMs?: unknown };
  try {
    parsed = JSON.parse(line) as typeof parsed;
  } catch {
    return;
  }
  if (typeof parsed.path !== "string" || typeof parsed.status !== "number") return;
  const metrics = berthMetrics();
  const upper = typeof parsed.method === "string" ? parsed.method.toUpperCase() : "GET";
  const method = METHODS.has(upper) ? upper : "OTHER";
  const route = metrics.labelRoute(parsed.path);
  metrics.httpRequests.inc({ method, route, status: String(parsed.status) });
  if (typeof parsed.durationMs === "number") metrics.httpDuration.observe({ method, route }, parsed.durationMs / 1000);
  if (parsed.status >= 500) countError("http_5xx");
}

/** Wires the process-wide sources: route patterns from the build, and the open WebSockets. */
export function installProcessMetrics(options: { projectDir: string; websocketsOpen: () => number }): void {
  const metrics = berthMetrics();
  metrics.labelRoute = routeLabellerFromBuild(options.projectDir);
  metrics.websocketSource.read = options.websocketsOpen;
}

/** For the engine's informers: how many API watches are open, read at each scrape. */
export function setKubeWatchesSource(source: () => number): void {
  berthMetrics().watchSource.read = source;
}

export type ReconcileOutcome = "success" | "failure" | "unchanged";

/** For the engine: one reconcile of one app took `seconds` and ended with `outcome`. */
export function observeReconcile(seconds: number, outcome: ReconcileOutcome): void {
  berthMetrics().reconcile.observe({ outcome }, seconds);
}

export function countError(kind: ErrorKind): void {
  berthMetrics().errors.inc({ kind });
}

/** The registry in Prometheus text format, and the Content-Type to serve it with. */
export async function renderMetrics(): Promise<{ text: string; contentType: string }> {
  const { registry } = berthMetrics();
  return { text: await registry.metrics(), contentType: registry.contentType };
}
