/**
 * /openapi/v2 and /openapi/v3 with kube-openapi's content negotiation: the Accept header's
 * clauses are tried best-first (by q, then by specificity) against the media types the endpoint
 * offers, and nothing acceptable is a bare 406. /openapi/v2 offers JSON and the gnostic protobuf
 * that kubectl asks for; the v3 documents are offered as JSON only (the sim has no v3 protobuf,
 * which kubectl never requests).
 */
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { notFoundPath, sendJson } from "@/server/sim/http/status";
import { OPENAPI_V2_PROTOBUF, OPENAPI_V2_PROTOBUF_DEPRECATED, openApiV2Protobuf } from "@/server/sim/openapi/encode-openapi-v2-proto";
import { openApiV2Json, openApiV3Document, openApiV3Index } from "@/server/sim/openapi/openapi-documents";

interface AcceptClause {
  type: string;
  subtype: string;
  q: number;
}

/** Parses an Accept header into clauses ordered like goautoneg.ParseAccept. */
function parseAccept(header: string | undefined): AcceptClause[] {
  const clauses = (header?.trim() ? header : "*/*").split(",").flatMap((part, index) => {
    const [range, ...params] = part.trim().split(";").map((s) => s.trim());
    const [type, subtype] = range.split("/");
    if (!type || subtype === undefined) return [];
    const qParam = params.find((p) => p.startsWith("q="));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    return [{ type, subtype, q: Number.isFinite(q) ? q : 0, index }];
  });
  const specificity = (c: AcceptClause) => (c.type === "*" ? 0 : c.subtype === "*" ? 1 : 2);
  return clauses.filter((c) => c.q > 0).sort((a, b) => b.q - a.q || specificity(b) - specificity(a) || a.index - b.index);
}

/** The first offered media type the Accept header takes, or undefined (→ 406). */
export function negotiateMediaType(accept: string | undefined, offered: readonly string[]): string | undefined {
  for (const clause of parseAccept(accept)) {
    for (const mediaType of offered) {
      const [type, subtype] = mediaType.split("/");
      if ((clause.type === "*" || clause.type === type) && (clause.subtype === "*" || clause.subtype === subtype)) return mediaType;
    }
  }
  return undefined;
}

let v2JsonBytes: Buffer | undefined;
const etags = new WeakMap<Buffer, string>();

/** kube-openapi's ETag: the upper-case hex SHA-512 of the body (both bodies are cached buffers). */
function etagOf(body: Buffer): string {
  let etag = etags.get(body);
  if (!etag) etags.set(body, (etag = createHash("sha512").update(body).digest("hex").toUpperCase()));
  return etag;
}

function notAcceptable(res: ServerResponse): void {
  res.writeHead(406, { Vary: "Accept" });
  res.end();
}

/** Serves an /openapi/… path; false when `path` is not one. */
export function serveOpenApi(req: IncomingMessage, res: ServerResponse, path: string): boolean {
  if (path === "/openapi/v2") {
    const mediaType = negotiateMediaType(req.headers.accept, ["application/json", OPENAPI_V2_PROTOBUF_DEPRECATED, OPENAPI_V2_PROTOBUF]);
    if (!mediaType) return notAcceptable(res), true;
    const json = mediaType === "application/json";
    const body = json ? (v2JsonBytes ??= Buffer.from(openApiV2Json())) : openApiV2Protobuf();
    const etag = `"${etagOf(body)}"`;
    const headers = { "Content-Type": json ? "application/json" : OPENAPI_V2_PROTOBUF, "Cache-Control": "no-cache, private", Vary: "Accept", ETag: etag };
    if (req.headers["if-none-match"] === etag) return void (res.writeHead(304, headers), res.end()), true;
    res.writeHead(200, headers);
    res.end(body);
    return true;
  }
  if (path === "/openapi/v3") return sendJson(res, 200, openApiV3Index()), true;
  const m = path.match(/^\/openapi\/v3\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/);
  if (!m) return false;
  const doc = m[1] ? openApiV3Document("", m[1]) : openApiV3Document(m[2], m[3]);
  if (!doc) throw notFoundPath();
  if (!negotiateMediaType(req.headers.accept, ["application/json"])) return notAcceptable(res), true;
  sendJson(res, 200, doc, { "Cache-Control": "public, immutable", Vary: "Accept" });
  return true;
}
