/**
 * Encodes the sim's swagger 2.0 document as the gnostic `openapi.v2.Document` protobuf that
 * kube-apiserver serves from /openapi/v2 for
 * `Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf`. kubectl only ever asks
 * for this form (never JSON) when it falls back to OpenAPI v2: `kubectl explain
 * --output=plaintext-openapiv2`, the strategic-merge-patch metadata of client-side apply, and
 * client-side schema validation. Field numbers are those of gnostic's openapiv2/OpenAPIv2.proto.
 * Vendor extensions and other free-form values travel as `Any{yaml}`, as gnostic writes them.
 */
import { stringify } from "yaml";
import { ProtoMessage } from "@/server/sim/openapi/protobuf-writer";
import { openApiV2Json } from "@/server/sim/openapi/openapi-documents";

/** The media type clients ask for (kubectl's Accept header); not a valid MIME token because of the @. */
export const OPENAPI_V2_PROTOBUF_DEPRECATED = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";
/** The media type kube-openapi answers with (and also accepts): Go's mime parser rejects the @ form. */
export const OPENAPI_V2_PROTOBUF = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === "number" ? v : undefined);
const bool = (v: unknown): boolean | undefined => (typeof v === "boolean" ? v : undefined);
const strs = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : typeof v === "string" ? [v] : undefined);

/** `Any { string yaml = 2; }` */
function any(value: unknown): ProtoMessage {
  return new ProtoMessage().string(2, stringify(value));
}

/** `NamedAny { name = 1; Any value = 2; }` for every `x-` key of `obj`. */
function vendorExtensions(obj: Json): ProtoMessage[] {
  return Object.entries(obj)
    .filter(([k]) => k.startsWith("x-"))
    .map(([name, value]) => new ProtoMessage().string(1, name).message(2, any(value)));
}

/** `openapi.v2.Schema`. */
function schema(s: Json): ProtoMessage {
  const m = new ProtoMessage()
    .string(1, str(s.$ref))
    .string(2, str(s.format))
    .string(3, str(s.title))
    .string(4, str(s.description));
  if (s.default !== undefined) m.message(5, any(s.default));
  m.double(6, num(s.multipleOf))
    .double(7, num(s.maximum))
    .bool(8, bool(s.exclusiveMaximum))
    .double(9, num(s.minimum))
    .bool(10, bool(s.exclusiveMinimum))
    .int64(11, num(s.maxLength))
    .int64(12, num(s.minLength))
    .string(13, str(s.pattern))
    .int64(14, num(s.maxItems))
    .int64(15, num(s.minItems))
    .bool(16, bool(s.uniqueItems))
    .int64(17, num(s.maxProperties))
    .int64(18, num(s.minProperties))
    .strings(19, strs(s.required));
  if (Array.isArray(s.enum)) m.messages(20, s.enum.map(any));
  if (isObject(s.additionalProperties)) m.message(21, new ProtoMessage().message(1, schema(s.additionalProperties)));
  else if (typeof s.additionalProperties === "boolean") m.message(21, new ProtoMessage().bool(2, s.additionalProperties, true));
  if (s.type !== undefined) m.message(22, new ProtoMessage().strings(1, strs(s.type)));
  if (s.items !== undefined) {
    const items = (Array.isArray(s.items) ? s.items : [s.items]).filter(isObject);
    m.message(23, new ProtoMessage().messages(1, items.map(schema)));
  }
  if (Array.isArray(s.allOf)) m.messages(24, s.allOf.filter(isObject).map(schema));
  if (isObject(s.properties)) m.message(25, new ProtoMessage().messages(1, namedSchemas(s.properties)));
  m.string(26, str(s.discriminator)).bool(27, bool(s.readOnly));
  if (s.example !== undefined) m.message(30, any(s.example));
  return m.messages(31, vendorExtensions(s));
}

/** `NamedSchema { name = 1; Schema value = 2; }` for each entry. */
function namedSchemas(map: Json): ProtoMessage[] {
  return Object.entries(map).flatMap(([name, s]) => (isObject(s) ? [new ProtoMessage().string(1, name).message(2, schema(s))] : []));
}

/**
 * `ParametersItem`: a `$ref`, a body parameter, or a non-body one. Query and formData
 * sub-schemas share one field layout (allowEmptyValue at 5); header and path share another.
 */
function parameter(p: Json): ProtoMessage {
  if (typeof p.$ref === "string") return new ProtoMessage().message(2, new ProtoMessage().string(1, p.$ref).string(2, str(p.description)));
  if (p.in === "body") {
    const body = new ProtoMessage().string(1, str(p.description)).string(2, str(p.name)).string(3, "body").bool(4, bool(p.required));
    if (isObject(p.schema)) body.message(5, schema(p.schema));
    return new ProtoMessage().message(1, new ProtoMessage().message(1, body.messages(6, vendorExtensions(p))));
  }
  const queryLike = p.in === "query" || p.in === "formData";
  const o = queryLike ? 1 : 0;
  const sub = new ProtoMessage().bool(1, bool(p.required)).string(2, str(p.in)).string(3, str(p.description)).string(4, str(p.name));
  if (queryLike) sub.bool(5, bool(p.allowEmptyValue));
  sub.string(5 + o, str(p.type)).string(6 + o, str(p.format)).string(8 + o, str(p.collectionFormat));
  if (p.default !== undefined) sub.message(9 + o, any(p.default));
  sub.bool(19 + o, bool(p.uniqueItems));
  if (Array.isArray(p.enum)) sub.messages(20 + o, p.enum.map(any));
  sub.messages(22 + o, vendorExtensions(p));
  const slot = { header: 1, formData: 2, query: 3, path: 4 }[str(p.in) ?? ""] ?? 3;
  return new ProtoMessage().message(1, new ProtoMessage().message(2, new ProtoMessage().message(slot, sub)));
}

/** `Responses { repeated NamedResponseValue response_code = 1; }` */
function responses(r: Json): ProtoMessage {
  const codes = Object.entries(r).filter(([code]) => !code.startsWith("x-")).flatMap(([code, value]) => {
    if (!isObject(value)) return [];
    const response = new ProtoMessage().string(1, str(value.description));
    if (isObject(value.schema)) response.message(2, new ProtoMessage().message(1, schema(value.schema)));
    response.messages(5, vendorExtensions(value));
    return [new ProtoMessage().string(1, code).message(2, new ProtoMessage().message(1, response))];
  });
  return new ProtoMessage().messages(1, codes).messages(2, vendorExtensions(r));
}

/** `Operation`. */
function operation(op: Json): ProtoMessage {
  const m = new ProtoMessage()
    .strings(1, strs(op.tags))
    .string(2, str(op.summary))
    .string(3, str(op.description))
    .string(5, str(op.operationId))
    .strings(6, strs(op.produces))
    .strings(7, strs(op.consumes));
  if (Array.isArray(op.parameters)) m.messages(8, op.parameters.filter(isObject).map(parameter));
  if (isObject(op.responses)) m.message(9, responses(op.responses));
  return m.strings(10, strs(op.schemes)).bool(11, bool(op.deprecated)).messages(13, vendorExtensions(op));
}

const METHOD_FIELDS = { get: 2, put: 3, post: 4, delete: 5, options: 6, head: 7, patch: 8 } as const;

/** `PathItem`. */
function pathItem(item: Json): ProtoMessage {
  const m = new ProtoMessage().string(1, str(item.$ref));
  for (const [method, field] of Object.entries(METHOD_FIELDS)) if (isObject(item[method])) m.message(field, operation(item[method] as Json));
  if (Array.isArray(item.parameters)) m.messages(9, item.parameters.filter(isObject).map(parameter));
  return m.messages(10, vendorExtensions(item));
}

/** Encodes a parsed swagger 2.0 document as `openapi.v2.Document`. */
export function encodeOpenApiV2Document(doc: Json): Buffer {
  const m = new ProtoMessage().string(1, str(doc.swagger));
  if (isObject(doc.info)) {
    const info = doc.info;
    m.message(2, new ProtoMessage().string(1, str(info.title)).string(2, str(info.version)).string(3, str(info.description)).messages(7, vendorExtensions(info)));
  }
  if (isObject(doc.paths)) {
    const paths = Object.entries(doc.paths).flatMap(([p, item]) => (isObject(item) && !p.startsWith("x-") ? [new ProtoMessage().string(1, p).message(2, pathItem(item))] : []));
    m.message(8, new ProtoMessage().messages(1, vendorExtensions(doc.paths)).messages(2, paths));
  }
  if (isObject(doc.definitions)) m.message(9, new ProtoMessage().messages(1, namedSchemas(doc.definitions)));
  return m.messages(16, vendorExtensions(doc)).bytes();
}

let cached: Buffer | undefined;

/** The sim's /openapi/v2 document as protobuf, encoded once (the document never changes). */
export function openApiV2Protobuf(): Buffer {
  cached ??= encodeOpenApiV2Document(JSON.parse(openApiV2Json()) as Json);
  return cached;
}
