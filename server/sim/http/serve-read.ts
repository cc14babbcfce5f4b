/**
 * get and list (with selectors, limit/continue and server-side Table printing).
 * List items omit apiVersion/kind, as a real server's typed lists do.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { KubeObject } from "@/server/sim/contract";
import { SimError } from "@/server/sim/contract";
import { apiVersionOf, refOf, type KindDescriptor } from "@/server/sim/kinds/kind-registry";
import type { ResourceRequest } from "@/server/sim/http/parse-request-path";
import { toTable } from "@/server/sim/http/print-table";
import { parseFieldSelector, parseLabelSelector } from "@/server/sim/http/selectors";
import { badRequest, sendJson } from "@/server/sim/http/status";
import { notFound, type MemoryStore } from "@/server/sim/store/memory-store";

export function wantsTable(req: IncomingMessage): boolean {
  return /as=Table/.test(req.headers.accept ?? "");
}

export function getOrThrow(store: MemoryStore, r: ResourceRequest): KubeObject {
  const obj = store.peek(refOf(r.kind), r.namespace, r.name!);
  if (!obj) throw notFound(r.kind, r.name!);
  return obj;
}

export function serveGet(req: IncomingMessage, res: ServerResponse, store: MemoryStore, r: ResourceRequest, query: URLSearchParams): void {
  const obj = getOrThrow(store, r);
  if (wantsTable(req)) {
    sendJson(res, 200, toTable(r.kind, [obj], { resourceVersion: obj.metadata.resourceVersion }, query.get("includeObject")));
    return;
  }
  sendJson(res, 200, obj);
}

interface ContinueToken {
  rv: string;
  start: string;
}

/** Filters the objects a list or watch selects. */
export function matcherFor(kind: KindDescriptor, query: URLSearchParams): (o: KubeObject) => boolean {
  const labels = parseLabelSelector(query.get("labelSelector"));
  const fields = parseFieldSelector(query.get("fieldSelector"), kind.kind);
  return (o) => labels(o) && fields(o);
}

export function serveList(req: IncomingMessage, res: ServerResponse, store: MemoryStore, r: ResourceRequest, query: URLSearchParams): void {
  const match = matcherFor(r.kind, query);
  let items = store.listRaw(refOf(r.kind), r.namespace).filter(match);
  const rv = store.currentResourceVersion();
  const limit = Number(query.get("limit") ?? 0);
  if (query.get("limit") !== null && !(limit >= 0)) throw badRequest(`invalid limit: ${query.get("limit")}`);
  const cont = query.get("continue");
  requireListableVersion(store, query, limit > 0 && !cont);
  let listRv = rv;
  if (cont) {
    const token = decodeContinue(cont);
    if (store.eventsSince(Number(token.rv)) === "gone") {
      throw new SimError(410, "Expired", "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.");
    }
    listRv = token.rv;
    items = items.filter((o) => keyOf(o) > token.start);
  }
  const meta: Record<string, unknown> = { resourceVersion: listRv };
  if (limit > 0 && items.length > limit) {
    const page = items.slice(0, limit);
    meta.continue = Buffer.from(JSON.stringify({ rv: listRv, start: keyOf(page[page.length - 1]) })).toString("base64url");
    // Only an unfiltered list knows how many items remain.
    if (!query.get("labelSelector") && !query.get("fieldSelector")) meta.remainingItemCount = items.length - limit;
    items = page;
  }
  if (wantsTable(req)) {
    sendJson(res, 200, toTable(r.kind, items, meta, query.get("includeObject")));
    return;
  }
  const head = JSON.stringify({ kind: `${r.kind.kind}List`, apiVersion: apiVersionOf(r.kind), metadata: meta }).slice(0, -1);
  sendJson(res, 200, `${head},"items":[${items.map(serializedListItem).join(",")}]}`);
}

/**
 * Stored objects are replaced, never mutated, on write, so each one's list serialization can be
 * cached (kube-apiserver's watch cache does the same); large lists then cost a string join.
 */
const serialized = new WeakMap<KubeObject, string>();

function serializedListItem(o: KubeObject): string {
  let text = serialized.get(o);
  if (text === undefined) {
    const { apiVersion: _a, kind: _k, ...rest } = o;
    text = JSON.stringify(rest);
    serialized.set(o, text);
  }
  return text;
}

/**
 * A list at a given resourceVersion is read from etcd when the match is Exact or when it is
 * paginated (limit, no continue): a compacted version is then 410 Expired. Otherwise
 * (unset, "0", NotOlderThan) the watch cache serves the current state.
 */
function requireListableVersion(store: MemoryStore, query: URLSearchParams, paginated: boolean): void {
  const rv = query.get("resourceVersion") ?? "";
  if (rv === "" || rv === "0") return;
  const match = query.get("resourceVersionMatch");
  if (match !== "Exact" && !(paginated && !match)) return;
  if (store.eventsSince(Number(rv)) === "gone") throw new SimError(410, "Expired", "The resourceVersion for the provided list is too old.");
}

/** Go's quoting of one byte in encoding/json's syntax errors. */
function goQuoteByte(byte: number): string {
  if (byte >= 0x20 && byte < 0x7f) return byte === 0x27 ? "\\'" : String.fromCharCode(byte);
  return byte < 0x80 ? `\\x${byte.toString(16).padStart(2, "0")}` : `\\u${byte.toString(16).padStart(4, "0")}`;
}

function decodeContinue(cont: string): ContinueToken {
  const bytes = Buffer.from(cont, "base64url");
  try {
    return JSON.parse(bytes.toString("utf8")) as ContinueToken;
  } catch {
    const first = bytes.find((b) => ![0x20, 0x09, 0x0a, 0x0d].includes(b));
    const startsValue = first !== undefined && '{["-0123456789tfn'.includes(String.fromCharCode(first));
    const detail = first === undefined || startsValue ? "unexpected end of JSON input" : `invalid character '${goQuoteByte(first)}' looking for beginning of value`;
    throw badRequest(`invalid continue token: continue key is not valid: ${detail}`);
  }
}

function keyOf(o: KubeObject): string {
  return `${o.metadata.namespace ?? ""}\u0000${o.metadata.name}`;
}

