/**
 * The simulated kube-apiserver's request pipeline: authenticate, inject faults, route to
 * discovery, OpenAPI or a resource verb, and map every failure to a Status body.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { SimError, type StreamHandlers } from "@/server/sim/contract";
import type { FaultState } from "@/server/sim/faults";
import { authenticate, authorize, authorizeCreateOnPatch, authorizePath, type SimTokens } from "@/server/sim/http/authenticate";
import { parseRequestPath, type ResourceRequest } from "@/server/sim/http/parse-request-path";
import { serveDelete, serveDeleteCollection } from "@/server/sim/http/serve-delete";
import { apiGroup, apiGroupList, apiResourceList, apiVersions, versionInfo } from "@/server/sim/http/serve-discovery";
import { serveGet, serveList, getOrThrow } from "@/server/sim/http/serve-read";
import { serveWatch } from "@/server/sim/http/serve-watch";
import { serveOpenApi } from "@/server/sim/http/serve-openapi";
import { rejectBadSubresource, serveCreate, servePatch, serveUpdate } from "@/server/sim/http/serve-write";
import { toScale } from "@/server/sim/http/scale-subresource";
import { methodNotSupported, notFoundPath, sendJson, sendStatus, statusBody } from "@/server/sim/http/status";
import { metricsObjects } from "@/server/sim/http/metrics-view";
import { groupVersions, refOf, verbsOf } from "@/server/sim/kinds/kind-registry";
import { matcherFor } from "@/server/sim/http/serve-read";
import type { MemoryStore } from "@/server/sim/store/memory-store";

export interface SimServerContext {
  store: MemoryStore;
  tokens: SimTokens;
  faults: FaultState;
  streams?: StreamHandlers;
  openWatches: Set<() => void>;
  bookmarkIntervalMs: number;
  serverAddress: () => string;
}

const PUBLIC_PATHS = new Set(["/version", "/healthz", "/livez", "/readyz"]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function verbOf(method: string, r: ResourceRequest, query: URLSearchParams): string {
  switch (method) {
    case "GET":
      if (r.legacyWatch || query.get("watch") === "true" || query.get("watch") === "1") return "watch";
      return r.name ? "get" : "list";
    case "POST":
      return "create";
    case "PUT":
      return "update";
    case "PATCH":
      return "patch";
    case "DELETE":
      return r.name ? "delete" : "deletecollection";
    default:
      return method.toLowerCase();
  }
}

const isApplyPatch = (req: IncomingMessage) => (req.headers["content-type"] ?? "").split(";")[0].trim() === "application/apply-patch+yaml";

export async function handleRequest(ctx: SimServerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const url = new URL(req.url ?? "/", "http://sim");
    const path = url.pathname.replace(/\/+$/, "") || "/";
    const user = authenticate(req, ctx.tokens);
    if (ctx.faults.latencyMs > 0) await sleep(ctx.faults.latencyMs);
    const failure = ctx.faults.next();
    if (failure) {
      const reason = { 500: "InternalError", 503: "ServiceUnavailable", 429: "TooManyRequests" }[failure.status];
      const message = failure.status === 429 ? "Too many requests, please try again later." : failure.status === 503 ? "the server is currently unable to handle the request" : "Internal error occurred: injected fault";
      const headers: Record<string, string> = failure.status === 500 ? {} : { "Retry-After": String(failure.retryAfterSeconds ?? 1) };
      sendJson(res, failure.status, statusBody(failure.status, reason, message, failure.status === 500 ? undefined : { retryAfterSeconds: failure.retryAfterSeconds ?? 1 }), headers);
      return;
    }
    if (!PUBLIC_PATHS.has(path) && !isResourcePath(path)) authorizePath(user, path);
    if (await serveNonResource(ctx, req, res, path, url.searchParams)) return;
    const parsed = parseRequestPath(path);
    if (parsed.type !== "resource") {
      if (parsed.type === "unknown-resource" && isServedGroupVersion(parsed.group, parsed.version)) throw notFoundPath();
      return sendPageNotFound(res);
    }
    const r = parsed.request;
    const query = url.searchParams;
    const verb = verbOf(req.method ?? "GET", r, query);
    const target = { group: r.kind.group, plural: r.kind.plural, subresource: r.subresource, namespace: r.namespace, name: r.name };
    authorize(user, verb, target);
    if (verb === "patch" && r.name && !r.subresource && isApplyPatch(req) && !ctx.store.peek(refOf(r.kind), r.namespace, r.name)) authorizeCreateOnPatch(user, { ...target, name: r.name });
    if (verb === "deletecollection" && !verbsOf(r.kind).includes("deletecollection")) throw methodNotSupported();
    rejectBadSubresource(r);
    if (r.kind.readOnly) {
      if (verb !== "get" && verb !== "list") throw methodNotSupported();
      return serveMetrics(ctx, res, r, query);
    }
    await dispatch(ctx, req, res, r, verb, query);
  } catch (err) {
    sendStatus(res, err);
  }
}

async function dispatch(ctx: SimServerContext, req: IncomingMessage, res: ServerResponse, r: ResourceRequest, verb: string, query: URLSearchParams): Promise<void> {
  const { store } = ctx;
  switch (verb) {
    case "get":
      if (r.subresource === "log") {
        const pod = structuredClone(getOrThrow(store, r));
        if (!ctx.streams) throw new SimError(503, "ServiceUnavailable", "pod logs are not available: the simulated streams module is not loaded");
        ctx.streams.handleLog(req, res, pod, query);
        return;
      }
      if (r.subresource === "scale") return sendJson(res, 200, toScale(r.kind, getOrThrow(store, r)));
      if (r.subresource === "exec") throw new SimError(400, "BadRequest", "Upgrade request required");
      return serveGet(req, res, store, r, query);
    case "list":
      return serveList(req, res, store, r, query);
    case "watch":
      return serveWatch(req, res, store, r, query, { bookmarkIntervalMs: ctx.bookmarkIntervalMs, open: ctx.openWatches });
    case "create":
      if (r.subresource === "exec") throw new SimError(400, "BadRequest", "Upgrade request required");
      return serveCreate(req, res, store, r, query);
    case "update":
      return serveUpdate(req, res, store, r, query);
    case "patch":
      return servePatch(req, res, store, r, query);
    case "delete":
      return serveDelete(req, res, store, r, query);
    case "deletecollection":
      return serveDeleteCollection(req, res, store, r, query);
    default:
      throw methodNotSupported();
  }
}

/** A path under a served group/version names a resource (a missing one is a Status 404). */
function isResourcePath(path: string): boolean {
  const m = path.match(/^\/api\/([^/]+)\/.+/) ?? path.match(/^\/apis\/([^/]+\/[^/]+)\/.+/);
  return !!m;
}

function isServedGroupVersion(group: string, version: string): boolean {
  return groupVersions().some((gv) => gv.group === group && gv.version === version);
}

/**
 * What kube-apiserver's mux answers for a path no handler serves (an unknown group, version or
 * kind): a plain-text 404, not a Status (recorded: real-k8s/01g-1, 01g-3, 08-10).
 */
function sendPageNotFound(res: ServerResponse): void {
  res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache, private" });
  res.end("404 page not found\n");
}

const HEALTH_CHECKS = ["ping", "log", "etcd", "etcd-readiness", "informer-sync", "poststarthook/generic-apiserver-start-informers", "poststarthook/start-apiextensions-informers", "poststarthook/rbac/bootstrap-roles", "shutdown"];

/** /healthz, /livez, /readyz: `ok`, or with ?verbose one line per check and the verdict. */
function sendHealth(res: ServerResponse, path: string, query: URLSearchParams): void {
  res.writeHead(200, { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache, private" });
  const checks = path === "/readyz" ? HEALTH_CHECKS : HEALTH_CHECKS.filter((c) => c !== "etcd-readiness" && c !== "informer-sync" && c !== "shutdown");
  res.end(query.has("verbose") ? `${checks.map((c) => `[+]${c} ok`).join("\n")}\n${path.slice(1)} check passed\n` : "ok");
}

async function serveNonResource(ctx: SimServerContext, req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<boolean> {
  if (req.method !== "GET") return false;
  if (path === "/version") return void sendJson(res, 200, versionInfo()), true;
  if (["/healthz", "/livez", "/readyz"].includes(path)) return void sendHealth(res, path, query), true;
  if (path === "/api") return void sendJson(res, 200, apiVersions(ctx.serverAddress())), true;
  if (path === "/apis") return void sendJson(res, 200, apiGroupList()), true;
  if (path.startsWith("/openapi/") && serveOpenApi(req, res, path)) return true;
  let m: RegExpMatchArray | null;
  if ((m = path.match(/^\/api\/([^/]+)$/))) {
    const list = apiResourceList("", m[1]);
    return void (list ? sendJson(res, 200, list) : sendPageNotFound(res)), true;
  }
  if ((m = path.match(/^\/apis\/([^/]+)$/))) {
    const group = apiGroup(m[1]);
    return void (group ? sendJson(res, 200, group) : sendPageNotFound(res)), true;
  }
  if ((m = path.match(/^\/apis\/([^/]+)\/([^/]+)$/))) {
    const list = apiResourceList(m[1], m[2]);
    return void (list ? sendJson(res, 200, list) : sendPageNotFound(res)), true;
  }
  return false;
}

function serveMetrics(ctx: SimServerContext, res: ServerResponse, r: ResourceRequest, query: URLSearchParams): void {
  const selects = matcherFor(r.kind, query);
  const items = metricsObjects(ctx.store, r.kind.kind, r.namespace).filter((item) => r.name || selects(item));
  if (r.name) {
    const found = items.find((i) => i.metadata.name === r.name);
    if (!found) throw new SimError(404, "NotFound", `${r.kind.plural}.metrics.k8s.io "${r.name}" not found`, { name: r.name, group: "metrics.k8s.io", kind: r.kind.plural });
    return sendJson(res, 200, found);
  }
  sendJson(res, 200, { kind: `${r.kind.kind}List`, apiVersion: "metrics.k8s.io/v1beta1", metadata: {}, items });
}

/** WebSocket upgrades: only pods/exec, handed to the streams module after auth. */
export function handleUpgrade(ctx: SimServerContext, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  const fail = (code: number, body: unknown) => {
    const text = JSON.stringify(body);
    socket.end(`HTTP/1.1 ${code} ${code === 401 ? "Unauthorized" : code === 403 ? "Forbidden" : "Error"}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
  };
  try {
    const url = new URL(req.url ?? "/", "http://sim");
    const user = authenticate(req, ctx.tokens);
    const parsed = parseRequestPath(url.pathname);
    if (parsed.type !== "resource" || parsed.request.subresource !== "exec" || parsed.request.kind.kind !== "Pod") throw notFoundPath();
    const r = parsed.request;
    authorize(user, "create", { group: "", plural: "pods", subresource: "exec", namespace: r.namespace, name: r.name });
    const pod = structuredClone(getOrThrow(ctx.store, r));
    if (!ctx.streams) throw new SimError(503, "ServiceUnavailable", "pod exec is not available: the simulated streams module is not loaded");
    ctx.streams.handleExecUpgrade(req, socket, head, pod, url.searchParams);
  } catch (err) {
    const e = err instanceof SimError ? err : new SimError(500, "InternalError", String(err));
    fail(e.code, statusBody(e.code, e.reason, e.message, e.details));
  }
}
