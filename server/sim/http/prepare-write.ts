/**
 * The checks every write passes through before it reaches the store, in kube-apiserver's order:
 * decode (JSON types, unknown fields per fieldValidation), name/namespace consistency with the
 * URL, defaults, semantic validation. Errors carry the real server's messages.
 */
import type { IncomingMessage } from "node:http";
import { SimError, type KubeObject } from "@/server/sim/contract";
import { apiVersionOf, type KindDescriptor } from "@/server/sim/kinds/kind-registry";
import type { ResourceRequest } from "@/server/sim/http/parse-request-path";
import { badRequest } from "@/server/sim/http/status";
import { kindSchema } from "@/server/sim/openapi/build-schemas";
import { allocateClusterIp } from "@/server/sim/http/allocate-cluster-ip";
import { applyDefaults } from "@/server/sim/validate/apply-defaults";
import { checkSchema } from "@/server/sim/validate/check-schema";
import { validateObject } from "@/server/sim/validate/validate-object";
import type { MemoryStore } from "@/server/sim/store/memory-store";

export function cannotHandle(kind: KindDescriptor, detail: string): SimError {
  return badRequest(`${kind.kind} in version "${kind.version}" cannot be handled as a ${kind.kind}: ${detail}`);
}

export type WriteOptionsKind = "CreateOptions" | "UpdateOptions" | "PatchOptions";
export type FieldValidation = "Strict" | "Warn" | "Ignore";

/** ?fieldValidation (default Warn); any other value is the options' 422, before the body is read. */
export function fieldValidation(query: URLSearchParams, options: WriteOptionsKind): FieldValidation {
  const value = query.get("fieldValidation") ?? "";
  if (value === "") return "Warn";
  if (value === "Strict" || value === "Warn" || value === "Ignore") return value;
  const message = `Unsupported value: ${JSON.stringify(value)}: supported values: "", "Ignore", "Strict", "Warn"`;
  throw new SimError(422, "Invalid", `${options}.meta.k8s.io "" is invalid: fieldValidation: ${message}`, { group: "meta.k8s.io", kind: options, causes: [{ reason: "FieldValueNotSupported", message, field: "fieldValidation" }] });
}

/**
 * Checks JSON types, unknown and duplicated fields per fieldValidation. Unknown fields are
 * dropped from `obj` (the decoder never keeps them); returns the Warning header values for Warn,
 * one per field.
 */
export function checkDecoded(kind: KindDescriptor, obj: KubeObject, mode: FieldValidation, duplicates: string[] = []): string[] {
  const schema = kindSchema(apiVersionOf(kind), kind.kind);
  if (!schema) return [];
  const findings = checkSchema(obj, schema);
  if (findings.typeErrors.length > 0) throw cannotHandle(kind, findings.typeErrors[0]);
  const problems = [...duplicates.map((f) => `duplicate field "${f}"`), ...findings.unknownFields.map((f) => `unknown field "${f}"`)];
  if (mode === "Strict" && problems.length > 0) throw cannotHandle(kind, `strict decoding error: ${problems.join(", ")}`);
  findings.dropUnknownFields();
  return mode === "Warn" ? problems.map((p) => `299 - ${JSON.stringify(p)}`) : [];
}

export function asObject(kind: KindDescriptor, body: unknown): KubeObject {
  if (!body || typeof body !== "object" || Array.isArray(body)) throw cannotHandle(kind, "the body must be a JSON object");
  const obj = body as KubeObject;
  obj.metadata ??= { name: "" };
  if (typeof obj.metadata !== "object") throw cannotHandle(kind, `json: cannot unmarshal ${typeof obj.metadata} into Go struct field ${kind.kind}.metadata of type v1.ObjectMeta`);
  const expected = apiVersionOf(kind);
  if (obj.apiVersion === undefined && obj.kind === undefined) {
    obj.apiVersion = expected;
    obj.kind = kind.kind;
  }
  if (obj.kind !== kind.kind || obj.apiVersion !== expected) {
    throw badRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${expected})`);
  }
  return obj;
}

/** Makes the body's namespace and name agree with the URL, as the real server insists. */
export function alignWithUrl(obj: KubeObject, r: ResourceRequest): void {
  if (r.kind.namespaced) {
    if (obj.metadata.namespace && obj.metadata.namespace !== r.namespace) {
      throw badRequest("the namespace of the provided object does not match the namespace sent on the request");
    }
    obj.metadata.namespace = r.namespace;
  } else delete obj.metadata.namespace;
  if (r.name !== undefined && obj.metadata.name && obj.metadata.name !== r.name) {
    throw badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${r.name})`);
  }
  if (r.name !== undefined && !obj.metadata.name) obj.metadata.name = r.name;
}

export function requireLiveNamespace(store: MemoryStore, r: ResourceRequest, name: string): void {
  if (!r.kind.namespaced || !r.namespace) return;
  const ns = store.peek({ group: "", version: "v1", plural: "namespaces" }, undefined, r.namespace);
  if (!ns) throw new SimError(404, "NotFound", `namespaces "${r.namespace}" not found`, { name: r.namespace, kind: "namespaces" });
  if (ns.metadata.deletionTimestamp) {
    const resource = r.kind.group ? `${r.kind.plural}.${r.kind.group}` : r.kind.plural;
    throw new SimError(403, "Forbidden", `${resource} "${name}" is forbidden: unable to create new content in namespace ${r.namespace} because it is being terminated`, {
      kind: r.kind.plural,
      group: r.kind.group,
      causes: [{ reason: "NamespaceTerminating", message: `namespace ${r.namespace} is being terminated`, field: "metadata.namespace" }],
    });
  }
}

/** Defaults, allocated values (kept from `old` on update), then semantic validation (the 422 Invalid path). */
export function finalizeObject(store: MemoryStore, kind: KindDescriptor, obj: KubeObject, old?: KubeObject): void {
  applyDefaults(obj);
  allocateClusterIp(store, obj, old);
  validateObject(kind, obj);
}

/** The field manager for non-apply writes: ?fieldManager, else the User-Agent's program name. */
export function updateManager(req: IncomingMessage, query: URLSearchParams): string {
  const explicit = query.get("fieldManager");
  if (explicit) return explicit;
  const ua = req.headers["user-agent"] ?? "unknown";
  return ua.split("/")[0].slice(0, 128) || "unknown";
}

export function isDryRun(query: URLSearchParams): boolean {
  const v = query.getAll("dryRun");
  if (v.some((x) => x !== "All")) throw badRequest(`Invalid dry run value: ${v.join(",")}; the only supported value is "All"`);
  return v.length > 0;
}
