/**
 * create (POST), update (PUT) and patch (PATCH, all four content types), on the main resource
 * and on the status and scale subresources. Status writes touch only .status, main-resource
 * writes never touch .status, and dryRun=All runs every check without storing.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { SimError, type KubeObject } from "@/server/sim/contract";
import { apiVersionOf, refOf, type KindDescriptor } from "@/server/sim/kinds/kind-registry";
import type { ResourceRequest } from "@/server/sim/http/parse-request-path";
import { decodeKubeProtobuf } from "@/server/sim/http/decode-protobuf";
import { decodeApplyBody, decodeJson, decodeYamlOrJson, readBody, readBodyBuffer } from "@/server/sim/http/read-body";
import { getOrThrow } from "@/server/sim/http/serve-read";
import { fromScale, toScale } from "@/server/sim/http/scale-subresource";
import { duplicateJsonKeys } from "@/server/sim/http/duplicate-json-keys";
import { alignWithUrl, asObject, checkDecoded, fieldValidation, finalizeObject, isDryRun, requireLiveNamespace, updateManager } from "@/server/sim/http/prepare-write";
import { badRequest, sendJson } from "@/server/sim/http/status";
import { kindSchema } from "@/server/sim/openapi/build-schemas";
import { checkSchema } from "@/server/sim/validate/check-schema";
import { goValue } from "@/server/sim/validate/go-value";
import { validateUpdate } from "@/server/sim/validate/validate-object";
import { jsonPatch, mergePatch, strategicMerge } from "@/server/sim/patch/apply-patches";
import { serverSideApply, trackUpdate } from "@/server/sim/patch/server-side-apply";
import { typedPatchError } from "@/server/sim/patch/typed-patch-errors";
import { conflict, type MemoryStore } from "@/server/sim/store/memory-store";
import { simNowIso } from "@/server/sim/controllers/sim-clock";

const now = simNowIso;

/** One Warning header line per warning, as kube-apiserver sends them. */
function warningHeaders(warnings: string[]): Record<string, string[]> {
  return warnings.length ? { Warning: warnings } : {};
}

export async function serveCreate(req: IncomingMessage, res: ServerResponse, store: MemoryStore, r: ResourceRequest, query: URLSearchParams): Promise<void> {
  if (r.subresource) throw new SimError(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
  const mode = fieldValidation(query, "CreateOptions");
  const { body, duplicates } = await decodeWriteBody(req);
  const obj = asObject(r.kind, body);
  alignWithUrl(obj, r);
  const warnings = checkDecoded(r.kind, obj, mode, duplicates);
  delete obj.metadata.resourceVersion;
  delete obj.metadata.managedFields;
  finalizeObject(store, r.kind, obj);
  requireLiveNamespace(store, r, obj.metadata.name || obj.metadata.generateName || "");
  trackUpdate(undefined, obj, updateManager(req, query), kindSchema(obj.apiVersion, obj.kind));
  if (isDryRun(query)) {
    if (obj.metadata.name && store.peek(refOf(r.kind), r.namespace, obj.metadata.name)) store.create(refOf(r.kind), obj); // throws AlreadyExists
    if (!obj.metadata.name) obj.metadata.name = `${obj.metadata.generateName}dryrun`;
    Object.assign(obj.metadata, { uid: randomUUID(), creationTimestamp: now(), generation: 1 });
    sendJson(res, 201, obj, warningHeaders(warnings));
    return;
  }
  sendJson(res, 201, store.create(refOf(r.kind), obj), warningHeaders(warnings));
}

/** Stores `next` (the full object after an update of `old`), honouring subresource rules. */
function commit(req: IncomingMessage, res: ServerResponse, store: MemoryStore, r: ResourceRequest, query: URLSearchParams, old: KubeObject, candidate: KubeObject, warnings: string[], managerOverride?: (next: KubeObject) => void): void {
  let next: KubeObject;
  if (r.subresource === "status") {
    next = { ...structuredClone(old), status: candidate.status };
    next.metadata.resourceVersion = candidate.metadata.resourceVersion;
  } else {
    next = candidate;
    if ("status" in old) (next as { status?: unknown }).status = structuredClone(old.status);
    else delete (next as { status?: unknown }).status;
  }
  alignWithUrl(next, r);
  for (const k of ["uid", "creationTimestamp", "generation", "deletionTimestamp"] as const) {
    if (old.metadata[k] !== undefined) (next.metadata as Record<string, unknown>)[k] = old.metadata[k];
  }
  finalizeObject(store, r.kind, next, old);
  validateUpdate(r.kind, old, next);
  const rv = next.metadata.resourceVersion;
  // etcd3's versioner parses the precondition before comparing; the failure is an unclassified 500.
  if (rv && !/^\d+$/.test(rv)) throw new SimError(500, "", `strconv.ParseUint: parsing ${JSON.stringify(rv)}: invalid syntax`);
  if (rv && rv !== old.metadata.resourceVersion) throw conflict(r.kind, old.metadata.name);
  if (managerOverride) managerOverride(next);
  else trackUpdate(old, next, updateManager(req, query), kindSchema(old.apiVersion, old.kind), r.subresource);
  if (isDryRun(query)) {
    next.metadata.resourceVersion = old.metadata.resourceVersion;
    sendJson(res, 200, r.subresource === "scale" ? toScale(r.kind, next) : next, warningHeaders(warnings));
    return;
  }
  next.metadata.resourceVersion = old.metadata.resourceVersion;
  const stored = store.update(refOf(r.kind), next, { checkResourceVersion: true });
  sendJson(res, 200, r.subresource === "scale" ? toScale(r.kind, stored) : stored, warningHeaders(warnings));
}

/**
 * JSON, YAML, or the protobuf kubectl's typed clients send (for the kinds decode-protobuf knows);
 * for JSON also the keys given twice, which the strict decoder reports.
 */
async function decodeWriteBody(req: IncomingMessage): Promise<{ body: unknown; duplicates: string[] }> {
  const type = (req.headers["content-type"] ?? "application/json").split(";")[0].trim();
  const body = await readBodyBuffer(req);
  if (type === "application/vnd.kubernetes.protobuf") return { body: decodeKubeProtobuf(body), duplicates: [] };
  if (type === "application/yaml") return { body: decodeYamlOrJson(body.toString("utf8")), duplicates: [] };
  if (type === "application/json" || type === "") {
    const text = body.toString("utf8");
    const decoded = decodeJson(text);
    return { body: decoded, duplicates: duplicateJsonKeys(text) };
  }
  throw new SimError(415, "UnsupportedMediaType", `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf`);
}

export async function serveUpdate(req: IncomingMessage, res: ServerResponse, store: MemoryStore, r: ResourceRequest, query: URLSearchParams): Promise<void> {
  const mode = fieldValidation(query, "UpdateOptions");
  const { body, duplicates } = await decodeWriteBody(req);
  const old = getOrThrow(store, r);
  if (r.subresource === "scale") {
    commit(req, res, store, r, query, old, fromScale(old, body), []);
    return;
  }
  const obj = asObject(r.kind, body);
  const warnings = checkDecoded(r.kind, obj, mode, duplicates);
  commit(req, res, store, r, query, old, obj, warnings);
}

const PATCH_TYPES = new Set(["application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json"]);

export async function servePatch(req: IncomingMessage, res: ServerResponse, store: MemoryStore, r: ResourceRequest, query: URLSearchParams): Promise<void> {
  const type = (req.headers["content-type"] ?? "").split(";")[0].trim();
  const text = await readBody(req);
  const schema = kindSchema(apiVersionOf(r.kind), r.kind.kind);
  if (type === "application/apply-patch+yaml") return serveApply(req, res, store, r, query, text);
  if (!PATCH_TYPES.has(type)) throw new SimError(415, "UnsupportedMediaType", "415: Unsupported Media Type\n\nAvailable representations: ", {}); // recorded: real-k8s/01h-10
  const mode = fieldValidation(query, "PatchOptions");
  const patch = decodeJson(text);
  const old = getOrThrow(store, r);
  const base: unknown = r.subresource === "scale" ? toScale(r.kind, old) : old;
  let patched: unknown;
  if (type === "application/json-patch+json") patched = jsonPatch(base, patch);
  else if (type === "application/merge-patch+json") patched = mergePatch(base, patch);
  else patched = strategicMerge(base, patch, r.subresource === "scale" ? undefined : schema);
  if (r.subresource === "scale") {
    commit(req, res, store, r, query, old, fromScale(old, patched), []);
    return;
  }
  const obj = asObject(r.kind, patched);
  if (type === "application/strategic-merge-patch+json" && mode === "Strict") rejectUnknownPatchFields(r.kind, obj, patch);
  const warnings = checkDecoded(r.kind, obj, mode);
  // A patch only conflicts when it carries its own resourceVersion.
  const patchRv = (patch as { metadata?: { resourceVersion?: string } } | null)?.metadata?.resourceVersion;
  if (!patchRv) obj.metadata.resourceVersion = old.metadata.resourceVersion;
  commit(req, res, store, r, query, old, obj, warnings);
}

async function serveApply(req: IncomingMessage, res: ServerResponse, store: MemoryStore, r: ResourceRequest, query: URLSearchParams, text: string): Promise<void> {
  const manager = query.get("fieldManager");
  if (!manager) throw new SimError(422, "Invalid", `PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch`, { group: "meta.k8s.io", kind: "PatchOptions", causes: [{ reason: "FieldValueRequired", message: "Required value: is required for apply patch", field: "fieldManager" }] });
  const force = query.get("force") === "true";
  const decoded = decodeApplyBody(text, fieldValidation(query, "PatchOptions"));
  const typeMeta = (decoded.value ?? {}) as { apiVersion?: unknown; kind?: unknown };
  if (!typeMeta.apiVersion || !typeMeta.kind) {
    const apiVersion = typeof typeMeta.apiVersion === "string" ? typeMeta.apiVersion : "";
    throw badRequest(`invalid object type: ${apiVersion.includes("/") ? "" : "/"}${apiVersion}, Kind=${typeof typeMeta.kind === "string" ? typeMeta.kind : ""}`); // recorded: real-k8s/01h-5
  }
  const config = asObject(r.kind, decoded.value);
  if (!config.metadata.name) config.metadata.name = r.name!;
  alignWithUrl(config, r);
  const schema = kindSchema(config.apiVersion, config.kind);
  // Apply is always strict about the schema, whatever fieldValidation says, and answers with the converter's 500.
  const typed = schema && typedPatchError(config, schema, `${config.apiVersion.includes("/") ? "" : "/"}${config.apiVersion}, Kind=${config.kind}`);
  if (typed) throw typed;
  const old = store.peek(refOf(r.kind), r.namespace, r.name!);
  if (!old) {
    if (r.subresource) throw new SimError(404, "NotFound", `${r.kind.plural} "${r.name}" not found`);
    requireLiveNamespace(store, r, r.name!);
    const created = serverSideApply({ live: undefined, config, manager, force, schema });
    created.metadata.namespace = r.namespace;
    finalizeObject(store, r.kind, created);
    if (isDryRun(query)) {
      Object.assign(created.metadata, { uid: randomUUID(), creationTimestamp: now(), generation: 1 });
      sendJson(res, 201, created, warningHeaders(decoded.warnings));
      return;
    }
    sendJson(res, 201, store.create(refOf(r.kind), created), warningHeaders(decoded.warnings));
    return;
  }
  if (config.metadata.resourceVersion && config.metadata.resourceVersion !== old.metadata.resourceVersion) throw conflict(r.kind, old.metadata.name);
  let applied: KubeObject;
  if (r.subresource === "status") {
    applied = serverSideApply({ live: old, config: { ...config, spec: undefined } as KubeObject, manager, force, schema, subresource: "status" });
    applied = { ...structuredClone(old), status: config.status ?? (applied as { status?: unknown }).status, metadata: applied.metadata };
  } else {
    applied = serverSideApply({ live: old, config, manager, force, schema });
  }
  applied.metadata.resourceVersion = old.metadata.resourceVersion;
  const managed = applied.metadata.managedFields;
  commit(req, res, store, { ...r, subresource: r.subresource === "status" ? "status" : undefined }, query, old, applied, decoded.warnings, (next) => {
    if (managed) next.metadata.managedFields = managed;
  });
}

/**
 * A strict strategic merge patch is checked as a patch: the 422 names the patch (in Go's %v)
 * and no kind at all — hence the message's leading space.
 */
function rejectUnknownPatchFields(kind: KindDescriptor, patched: KubeObject, patch: unknown): void {
  const schema = kindSchema(apiVersionOf(kind), kind.kind);
  const unknown = schema ? checkSchema(structuredClone(patched), schema).unknownFields : [];
  if (unknown.length === 0) return;
  const message = `Invalid value: ${JSON.stringify(goValue(patch))}: strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(", ")}`;
  throw new SimError(422, "Invalid", ` "" is invalid: patch: ${message}`, { causes: [{ reason: "FieldValueInvalid", message, field: "patch" }] });
}

export function rejectBadSubresource(r: ResourceRequest): void {
  if (r.subresource && !(r.kind.subresources ?? []).includes(r.subresource as never)) throw badRequest(`the server could not find the requested resource`);
}
