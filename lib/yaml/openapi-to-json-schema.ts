/**
 * Turns a cluster's OpenAPI (v3 per group-version documents, or the single v2 document) into
 * JSON Schema the editor can validate and complete with: `$ref`s rewritten to one local
 * `definitions` table, descriptions kept (plus a Markdown line saying type and required for the
 * hover), objects closed with `additionalProperties: false` so a misspelt field is marked, and
 * int-or-string / quantity fields accepting both forms as the API server does.
 * https://kubernetes.io/docs/concepts/overview/kubernetes-api/#openapi-interface-definition
 */

export type JsonSchema = { [key: string]: unknown };

export interface SchemaKind {
  group: string;
  version: string;
  kind: string;
  /** `apps/v1`, `v1`. */
  apiVersion: string;
  /** Key in `definitions`. */
  definition: string;
}

export interface ClusterSchemaSet {
  kinds: SchemaKind[];
  definitions: Record<string, JsonSchema>;
}

const REF_PREFIXES = ["#/components/schemas/", "#/definitions/"];

function localRef(ref: string): string {
  for (const prefix of REF_PREFIXES) if (ref.startsWith(prefix)) return `#/definitions/${ref.slice(prefix.length)}`;
  return ref;
}

function shortName(definition: string): string {
  return definition.split(".").pop() ?? definition;
}

/** "integer (int32)", "[]Container", "map[string]string", "ObjectMeta" — as kubectl explain names types. */
export function typeLabel(schema: JsonSchema | undefined): string {
  if (!schema) return "Object";
  const ref = (schema.$ref as string | undefined) ?? ((schema.allOf as JsonSchema[] | undefined)?.[0]?.$ref as string | undefined);
  if (ref) return shortName(ref.replace("#/definitions/", ""));
  if (schema["x-kubernetes-int-or-string"] || schema.format === "int-or-string") return "IntOrString";
  const type = schema.type;
  if (type === "array") return `[]${typeLabel(schema.items as JsonSchema | undefined)}`;
  if (type === "object" && schema.additionalProperties && typeof schema.additionalProperties === "object") {
    return `map[string]${typeLabel(schema.additionalProperties as JsonSchema)}`;
  }
  const format = schema.format ?? schema["x-format"];
  if (typeof type === "string") return format && type !== "object" ? `${type} (${format})` : type;
  return "Object";
}

function hoverText(name: string, schema: JsonSchema, isRequired: boolean): string {
  const head = `**${name}** · \`${typeLabel(schema)}\`${isRequired ? " · **required**" : " · optional"}`;
  const description = typeof schema.description === "string" ? schema.description : "";
  return description ? `${head}\n\n${description}` : head;
}

/** resource.Quantity: a string in the schema, but the API server also takes plain numbers (`cpu: 1`). */
function isQuantity(schema: JsonSchema): boolean {
  return schema.type === "string" && typeof schema.description === "string" && schema.description.startsWith("Quantity is a fixed-point representation of a number.");
}

/** Converts one OpenAPI schema node (recursively) to JSON Schema. */
function convertNode(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convertNode);
  if (typeof node !== "object" || node === null) return node;
  const src = node as JsonSchema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(src)) {
    if (key === "$ref" && typeof value === "string") out.$ref = localRef(value);
    else if (key === "properties" || key === "format" || key === "x-kubernetes-group-version-kind") continue;
    else out[key] = convertNode(value);
  }
  const isIntOrString = src["x-kubernetes-int-or-string"] === true || src.format === "int-or-string";
  if (isIntOrString) {
    delete out.type;
    out.type = ["integer", "string"];
  } else if (src.format === "quantity" || isQuantity(src)) {
    out.type = ["string", "number"];
  }
  if (typeof src.format === "string" && !isIntOrString) out["x-format"] = src.format;
  if (src.properties && typeof src.properties === "object") {
    const required = new Set(Array.isArray(src.required) ? (src.required as string[]) : []);
    const properties: JsonSchema = {};
    for (const [name, child] of Object.entries(src.properties as Record<string, JsonSchema>)) {
      const converted = convertNode(child) as JsonSchema;
      properties[name] = { ...converted, markdownDescription: hoverText(name, { ...child, $ref: converted.$ref }, required.has(name)) };
    }
    out.properties = properties;
    if (src.additionalProperties === undefined && !src["x-kubernetes-preserve-unknown-fields"]) out.additionalProperties = false;
  }
  return out;
}

type GvkList = Array<{ group?: string; version?: string; kind?: string }>;

/**
 * Adds every schema of one OpenAPI document (v3 `components.schemas` or v2 `definitions`) to
 * `set`. Kinds are the schemas tagged with `x-kubernetes-group-version-kind`, minus List kinds
 * and the meta kinds every group repeats (WatchEvent, DeleteOptions, Status …).
 */
export function addOpenApiDocument(set: ClusterSchemaSet, document: unknown): void {
  const doc = document as { components?: { schemas?: Record<string, JsonSchema> }; definitions?: Record<string, JsonSchema> };
  const schemas = doc.components?.schemas ?? doc.definitions ?? {};
  const known = new Set(set.kinds.map((k) => `${k.apiVersion}/${k.kind}`));
  for (const [name, schema] of Object.entries(schemas)) {
    if (!set.definitions[name]) set.definitions[name] = convertNode(schema) as JsonSchema;
    const gvks = (schema["x-kubernetes-group-version-kind"] as GvkList | undefined) ?? [];
    if (gvks.length !== 1 || name.startsWith("io.k8s.apimachinery.pkg.apis.meta.")) continue;
    const { group = "", version = "", kind = "" } = gvks[0];
    if (!kind || !version || kind.endsWith("List")) continue;
    const apiVersion = group ? `${group}/${version}` : version;
    if (known.has(`${apiVersion}/${kind}`)) continue;
    known.add(`${apiVersion}/${kind}`);
    set.kinds.push({ group, version, kind, apiVersion, definition: name });
  }
  set.kinds.sort((a, b) => a.kind.localeCompare(b.kind) || a.apiVersion.localeCompare(b.apiVersion));
}

export function emptySchemaSet(): ClusterSchemaSet {
  return { kinds: [], definitions: {} };
}

/** Definitions reachable from `root` (so one kind's schema can stand alone). */
function reachable(set: ClusterSchemaSet, root: string): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  const stack = [root];
  while (stack.length) {
    const name = stack.pop()!;
    if (out[name] || !set.definitions[name]) continue;
    out[name] = set.definitions[name];
    JSON.stringify(set.definitions[name], (key, value) => {
      if (key === "$ref" && typeof value === "string") stack.push(value.replace("#/definitions/", ""));
      return value;
    });
  }
  return out;
}

/** A standalone JSON Schema (draft-07) for one kind, or undefined when the cluster has no such kind. */
export function schemaForKind(set: ClusterSchemaSet, apiVersion: string, kind: string): JsonSchema | undefined {
  const entry = set.kinds.find((k) => k.apiVersion === apiVersion && k.kind === kind);
  if (!entry) return undefined;
  return { $schema: "http://json-schema.org/draft-07/schema#", $ref: `#/definitions/${entry.definition}`, definitions: reachable(set, entry.definition) };
}

/**
 * Replaces `$ref`s to definitions the cluster never served with an open schema: one dangling
 * reference makes the editor's language service give up on the whole schema.
 */
function withoutDanglingRefs(definitions: Record<string, JsonSchema>): Record<string, JsonSchema> {
  const fix = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(fix);
    if (typeof node !== "object" || node === null) return node;
    const src = node as JsonSchema;
    const ref = typeof src.$ref === "string" ? src.$ref.replace("#/definitions/", "") : undefined;
    const out: JsonSchema = {};
    for (const [key, value] of Object.entries(src)) {
      if (key === "$ref" && ref !== undefined && !definitions[ref]) continue;
      out[key] = fix(value);
    }
    return out;
  };
  return fix(definitions) as Record<string, JsonSchema>;
}

/**
 * One schema for the whole editor: each document is checked against its own kind's schema,
 * chosen by `if: { apiVersion, kind } then: $ref` — so a CRD the cluster serves is covered
 * the same way as a Deployment.
 */
export function combinedSchema(set: ClusterSchemaSet): JsonSchema {
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    type: "object",
    required: ["apiVersion", "kind"],
    properties: {
      apiVersion: { type: "string", enum: [...new Set(set.kinds.map((k) => k.apiVersion))], markdownDescription: "**apiVersion** · `string` · **required**\n\nThe group and version of the object's schema, e.g. `apps/v1`." },
      kind: { type: "string", enum: [...new Set(set.kinds.map((k) => k.kind))], markdownDescription: "**kind** · `string` · **required**\n\nThe type of object, e.g. `Deployment`." },
    },
    allOf: set.kinds.map((k) => ({
      if: { properties: { apiVersion: { const: k.apiVersion }, kind: { const: k.kind } }, required: ["apiVersion", "kind"] },
      then: { $ref: `#/definitions/${k.definition}` },
    })),
    definitions: withoutDanglingRefs(set.definitions),
  };
}
