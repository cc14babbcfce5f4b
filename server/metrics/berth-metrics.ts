/**
 * Berth's metrics, one registry per process (processSingleton: the custom server records
 * requests, the /metrics route handler lives in Next's bundle, both must see the same numbers).
 *
 * Who feeds what:
 *  - the request log (server/berth-server.ts) → `recordRequestLine` per finished request
 *  - server/main.ts → `installProcessMetrics({ projectDir, websocketsOpen })` at start
 *  - the engine's informers → `setKubeWatchesSource(() => count)`
 *  - the engine's reconcile loop → `observeReconcile(seconds, outcome)`
 *  - any failure worth counting → `countError(kind)` (kind from a small fixed set)
 */
import { processSingleton } from "@/server/singleton";
import { Counter, Gauge, Histogram, MetricRegistry } from "@/server/metrics/metric-registry";
import { createRouteLabeller, routeLabellerFromBuild, type RouteLabeller } from "@/server/metrics/route-label";

/** Reconciles take from milliseconds (nothing changed) to minutes (a slow rollout). */
const RECONCILE_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

const ERROR_KINDS = ["http_5xx", "kube_api", "kube_watch", "reconcile", "database", "websocket"] as const;

/** A fixed vocabulary, so the label cannot grow with error messages. */
export type ErrorKind = (typeof ERROR_KINDS)[number];

function makeMetrics() {
  const registry = new MetricRegistry();
  const errors = registry.register(new Counter("berth_errors_total", "Errors Berth handled, by kind."));
  // Every kind starts at 0 so rate() and alerts work before the first error.
  for (const kind of ERROR_KINDS) errors.inc({ kind }, 0);
  return {
    errors,
    registry,
    labelRoute: createRouteLabeller([]) as RouteLabeller,
    httpRequests: registry.register(new Counter("http_requests_total", "HTTP requests served, by route pattern, method and status.")),
    httpDuration: registry.register(new Histogram("http_request_duration_seconds", "Time to serve an HTTP request, by route pattern and method.")),
    websocketsOpen: registry.register(new Gauge("berth_websockets_open", "WebSockets open between browsers and Berth (live updates, logs, terminals).")),
    kubeWatches: registry.register(new Gauge("berth_kube_watches_open", "Watches Berth holds open on the Kubernetes API (one shared informer per kind).")),
    reconcile: registry.register(new Histogram("berth_reconcile_duration_seconds", "Time to reconcile one app, by outcome.", RECONCILE_BUCKETS)),
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
  metrics.httpRequests.inc({ route, method, status: String(parsed.status) });
  if (typeof parsed.durationMs === "number") metrics.httpDuration.observe(parsed.durationMs / 1000, { route, method });
  if (parsed.status >= 500) countError("http_5xx");
}

/** Wires the process-wide sources: route patterns from the build, and the open WebSockets. */
export function installProcessMetrics(options: { projectDir: string; websocketsOpen: () => number }): void {
  const metrics = berthMetrics();
  metrics.labelRoute = routeLabellerFromBuild(options.projectDir);
  metrics.websocketsOpen.collectFrom(options.websocketsOpen);
}

/** For the engine's informers: how many API watches are open, read at each scrape. */
export function setKubeWatchesSource(source: () => number): void {
  berthMetrics().kubeWatches.collectFrom(source);
}

export type ReconcileOutcome = "success" | "failure" | "unchanged";

/** For the engine: one reconcile of one app took `seconds` and ended with `outcome`. */
export function observeReconcile(seconds: number, outcome: ReconcileOutcome): void {
  berthMetrics().reconcile.observe(seconds, { outcome });
}

export function countError(kind: ErrorKind): void {
  berthMetrics().errors.inc({ kind });
}

/** The registry in Prometheus text format. */
export function renderMetrics(): string {
  return berthMetrics().registry.render();
}
