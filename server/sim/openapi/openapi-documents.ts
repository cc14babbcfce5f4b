/**
 * The /openapi/v3 index, the per-group-version v3 documents and the /openapi/v2 document, in
 * the shapes kube-apiserver serves. Paths carry x-kubernetes-group-version-kind and the
 * dryRun / fieldManager / fieldValidation / force parameters because kubectl reads them to
 * decide whether the server supports server-side field validation.
 */
import { createHash } from "node:crypto";
import { apiVersionOf, groupVersions, KINDS, type KindDescriptor } from "@/server/sim/kinds/kind-registry";
import { schemaSet, type JsonSchema } from "@/server/sim/openapi/build-schemas";

export const SIM_GIT_VERSION = "v1.32.3";

function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

/** Definition names reachable from `roots`. */
function closure(roots: string[]): string[] {
  const { schemas } = schemaSet();
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length) {
    const name = stack.pop()!;
    if (seen.has(name) || !schemas.has(name)) continue;
    seen.add(name);
    JSON.stringify(schemas.get(name), (k, v) => {
      if (k === "$ref" && typeof v === "string") stack.push(v.replace("#/components/schemas/", ""));
      return v;
    });
  }
  return [...seen].sort();
}

const QUERY_PARAMS = ["dryRun", "fieldManager", "fieldValidation", "force", "pretty"];

const PATCH_TYPES = ["application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json", "application/apply-patch+yaml"];

/**
 * The patch content types a patch operation consumes. kubectl's client-side apply reads them from
 * the v3 document to decide whether a kind takes a strategic merge patch.
 */
function patchBody(style: "v2" | "v3"): Record<string, unknown> {
  if (style === "v2") return { consumes: PATCH_TYPES };
  const schema = { type: "object", description: "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body." };
  return { requestBody: { required: true, content: Object.fromEntries(PATCH_TYPES.map((t) => [t, { schema }])) } };
}

function operations(kind: KindDescriptor, refPrefix: string, style: "v2" | "v3" = "v3"): Record<string, unknown> {
  const set = schemaSet();
  const schemaName = set.kindSchemaName.get(kind);
  const gvk = { group: kind.group, kind: kind.kind, version: kind.version };
  const ref = schemaName ? { $ref: `${refPrefix}${schemaName}` } : { type: "object" };
  const type = (name: string) => (name === "force" ? "boolean" : "string");
  const params = QUERY_PARAMS.map((name) => (style === "v3" ? { name, in: "query", uniqueItems: true, schema: { type: type(name) } } : { name, in: "query", uniqueItems: true, type: type(name) }));
  const ok = style === "v3" ? { description: "OK", content: { "application/json": { schema: ref } } } : { description: "OK", schema: ref };
  const op = (action: string, id: string, extra: Record<string, unknown> = {}) => ({
    operationId: `${id}${kind.kind}`,
    tags: [gvPath(kind.group, kind.version)],
    "x-kubernetes-action": action,
    "x-kubernetes-group-version-kind": gvk,
    parameters: action === "get" ? [] : params,
    responses: { "200": ok },
    ...extra,
  });
  const base = `/${gvPath(kind.group, kind.version)}${kind.namespaced ? "/namespaces/{namespace}" : ""}/${kind.plural}`;
  const paths: Record<string, unknown> = {};
  paths[base] = kind.readOnly ? { get: op("list", "list") } : { get: op("list", "list"), post: op("post", "create") };
  paths[`${base}/{name}`] = kind.readOnly
    ? { get: op("get", "read") }
    : { get: op("get", "read"), put: op("put", "replace"), patch: op("patch", "patch", patchBody(style)), delete: op("delete", "delete") };
  return paths;
}

/** One group-version's v3 document (e.g. for "apps", "v1"). */
export function openApiV3Document(group: string, version: string): Record<string, unknown> | undefined {
  const kinds = KINDS.filter((k) => k.group === group && k.version === version);
  if (kinds.length === 0) return undefined;
  const set = schemaSet();
  const roots = kinds.flatMap((k) => (k.modelClass ? [set.kindSchemaName.get(k)!, set.nameOf.get(`${k.modelClass}List`)!] : []));
  const components: Record<string, JsonSchema> = {};
  for (const name of closure(roots)) components[name] = set.schemas.get(name)!;
  const paths = Object.assign({}, ...kinds.map((k) => operations(k, "#/components/schemas/")));
  return { openapi: "3.0.0", info: { title: "Kubernetes", version: SIM_GIT_VERSION }, paths, components: { schemas: components } };
}

const hashes = new Map<string, string>();

/** The /openapi/v3 index: every group-version with a content-addressed serverRelativeURL. */
export function openApiV3Index(): Record<string, unknown> {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const { group, version } of groupVersions()) {
    const p = gvPath(group, version);
    let hash = hashes.get(p);
    if (!hash) {
      hash = createHash("sha512").update(JSON.stringify(openApiV3Document(group, version))).digest("hex").toUpperCase().slice(0, 128);
      hashes.set(p, hash);
    }
    paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${hash}` };
  }
  return { paths };
}

let v2: string | undefined;

/** The whole swagger 2.0 document, serialized once. */
export function openApiV2Json(): string {
  if (v2) return v2;
  const set = schemaSet();
  const definitions: Record<string, unknown> = {};
  for (const [name, schema] of set.schemas) definitions[name] = schema;
  const paths: Record<string, unknown> = {};
  for (const kind of KINDS) Object.assign(paths, operations(kind, "#/definitions/", "v2"));
  const doc = { swagger: "2.0", info: { title: "Kubernetes", version: SIM_GIT_VERSION }, paths, definitions };
  v2 = JSON.stringify(doc).replaceAll("#/components/schemas/", "#/definitions/");
  return v2;
}

export function isServedGroupVersion(group: string, version: string): boolean {
  return KINDS.some((k) => apiVersionOf(k) === (group ? `${group}/${version}` : version));
}
