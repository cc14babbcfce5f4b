/**
 * Watch streams: newline-delimited JSON events over a chunked response, resuming from a
 * resourceVersion out of the store's bounded history ("" or "0" starts with synthetic ADDED
 * events for the current state), BOOKMARK events when asked (every bookmark interval, 60 s on a
 * real server, and once 2 s before a timeoutSeconds deadline), `sendInitialEvents` (WatchList,
 * on by default in v1.32), and an ERROR event carrying a 410 Expired Status once the requested
 * version has left the history window — inside a 200 stream, not as an HTTP 410.
 * https://kubernetes.io/docs/reference/using-api/api-concepts/#efficient-detection-of-changes
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { SimError, type KubeObject, type StoreEvent } from "@/server/sim/contract";
import { apiVersionOf, refOf, resourceKey } from "@/server/sim/kinds/kind-registry";
import type { ResourceRequest } from "@/server/sim/http/parse-request-path";
import { toTable } from "@/server/sim/http/print-table";
import { matcherFor, wantsTable } from "@/server/sim/http/serve-read";
import { statusBody } from "@/server/sim/http/status";
import type { MemoryStore } from "@/server/sim/store/memory-store";

export interface WatchOptions {
  bookmarkIntervalMs: number;
  /** Registry of open watches so faults can drop them and stop() can end them. */
  open: Set<() => void>;
}

/** WatchList's options check (v1.32, feature gate on): initial events need NotOlderThan and bookmarks. */
function checkInitialEvents(query: URLSearchParams): boolean {
  const value = query.get("sendInitialEvents");
  if (value === null) return false;
  const forbidden = (message: string) => {
    throw new SimError(422, "Invalid", `ListOptions.meta.k8s.io "" is invalid: sendInitialEvents: Forbidden: ${message}`, { group: "meta.k8s.io", kind: "ListOptions", causes: [{ reason: "FieldValueForbidden", message: `Forbidden: ${message}`, field: "sendInitialEvents" }] });
  };
  if (query.get("resourceVersionMatch") !== "NotOlderThan") forbidden("sendInitialEvents is forbidden for watch unless resourceVersionMatch is set to NotOlderThan");
  if (!isTrue(query.get("allowWatchBookmarks"))) forbidden("sendInitialEvents requires setting allowWatchBookmarks=true");
  return isTrue(value);
}

const isTrue = (v: string | null) => v === "true" || v === "1";

/** When the bookmark before a deadline goes out: 2 s before it (kube-apiserver's cacher). */
const BOOKMARK_BEFORE_DEADLINE_MS = 2000;

export function serveWatch(req: IncomingMessage, res: ServerResponse, store: MemoryStore, r: ResourceRequest, query: URLSearchParams, opts: WatchOptions): void {
  const initialEvents = checkInitialEvents(query);
  const base = matcherFor(r.kind, query);
  const match = r.name ? (o: KubeObject) => o.metadata.name === r.name && base(o) : base;
  const key = resourceKey(refOf(r.kind));
  const inScope = (e: StoreEvent) => resourceKey(e.resource) === key && (r.namespace === undefined || e.object.metadata.namespace === r.namespace);
  res.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-cache, private", "Transfer-Encoding": "chunked" });
  res.flushHeaders();
  // `kubectl get -w` asks for Table output: each event then carries a one-row Table, as with a real server.
  const table = wantsTable(req);
  const includeObject = query.get("includeObject");
  const write = (type: string, object: unknown) => {
    const o = table && (type === "ADDED" || type === "MODIFIED" || type === "DELETED") ? toTable(r.kind, [object as KubeObject], { resourceVersion: (object as KubeObject).metadata.resourceVersion }, includeObject) : object;
    res.write(JSON.stringify({ type, object: o }) + "\n");
  };
  let lastRv = store.currentResourceVersion();
  const rvParam = query.get("resourceVersion") ?? "";
  const startRv = Number(rvParam) || 0;
  const send = (e: StoreEvent) => {
    if (Number(e.object.metadata.resourceVersion) <= startRv) return;
    lastRv = e.object.metadata.resourceVersion ?? lastRv;
    if (!inScope(e)) return;
    const matches = match(e.object);
    // Leaving the selector is a DELETED of the old state at the new version; entering it, an ADDED.
    if (e.type === "MODIFIED" && e.previous && match(e.previous) !== matches) {
      if (matches) write("ADDED", e.object);
      else write("DELETED", { ...e.previous, metadata: { ...e.previous.metadata, resourceVersion: e.object.metadata.resourceVersion } });
      return;
    }
    if (matches) write(e.type, e.object);
  };

  const bookmarks = isTrue(query.get("allowWatchBookmarks"));
  const bookmark = (annotations?: Record<string, string>) => write("BOOKMARK", { kind: r.kind.kind, apiVersion: apiVersionOf(r.kind), metadata: { resourceVersion: lastRv, creationTimestamp: null, ...(annotations ? { annotations } : {}) } });
  if (rvParam === "" || rvParam === "0" || initialEvents) {
    for (const o of store.listRaw(refOf(r.kind), r.namespace)) if (match(o)) write("ADDED", o);
    if (initialEvents) bookmark({ "k8s.io/initial-events-end": "true" });
  } else {
    const history = store.eventsSince(Number(rvParam));
    if (history === "gone") {
      write("ERROR", statusBody(410, "Expired", `too old resource version: ${rvParam} (${store.oldestResumableVersion()})`));
      res.end();
      return;
    }
    for (const h of history) send(h.event);
  }

  const unsubscribe = store.subscribe(send);
  const timers: NodeJS.Timeout[] = [];
  const close = () => {
    unsubscribe();
    timers.forEach(clearTimeout);
    timers.forEach(clearInterval);
    opts.open.delete(close);
    if (!res.writableEnded) res.end();
  };
  opts.open.add(close);
  const timeout = Number(query.get("timeoutSeconds") ?? 0);
  if (bookmarks) {
    // Events do not reset the period; a deadline brings one bookmark forward.
    timers.push(setInterval(() => bookmark(), opts.bookmarkIntervalMs));
    if (timeout > 0 && timeout * 1000 - BOOKMARK_BEFORE_DEADLINE_MS < opts.bookmarkIntervalMs) timers.push(setTimeout(() => bookmark(), Math.max(0, timeout * 1000 - BOOKMARK_BEFORE_DEADLINE_MS)));
  }
  // Real servers end watches after timeoutSeconds, or a randomized 30–60 min when unset.
  timers.push(setTimeout(close, (timeout > 0 ? timeout : 1800 + Math.random() * 1800) * 1000));
  req.on("close", close);
  res.on("close", close);
}
