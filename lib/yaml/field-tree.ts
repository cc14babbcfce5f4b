/**
 * The field tree of one kind, as `kubectl explain --recursive` prints it: every field with its
 * type, whether it is required and its description, following `$ref`s through the converted
 * definitions. Recursive types (JSONSchemaProps in CRDs) stop where a type repeats on its own path.
 */
import { typeLabel, type ClusterSchemaSet, type JsonSchema } from "@/lib/yaml/openapi-to-json-schema";

export interface FieldNode {
  name: string;
  /** Dotted path from the object root, e.g. `spec.template.spec.containers`. */
  path: string;
  type: string;
  isRequired: boolean;
  description: string;
  enumValues?: string[];
  children: FieldNode[];
}

function resolve(set: ClusterSchemaSet, schema: JsonSchema | undefined): { schema: JsonSchema | undefined; ref?: string } {
  let current = schema;
  let ref: string | undefined;
  for (let i = 0; i < 10 && current; i++) {
    const next = (current.$ref as string | undefined) ?? ((current.allOf as JsonSchema[] | undefined)?.[0]?.$ref as string | undefined);
    if (!next) break;
    ref = next.replace("#/definitions/", "");
    current = set.definitions[ref];
  }
  return { schema: current, ref };
}

/** The object schema under arrays and maps (`[]Container` → Container). */
function fieldsHolder(set: ClusterSchemaSet, schema: JsonSchema | undefined): { schema: JsonSchema | undefined; ref?: string } {
  let resolved = resolve(set, schema);
  for (let i = 0; i < 4 && resolved.schema; i++) {
    const s: JsonSchema = resolved.schema;
    if (s.type === "array" && s.items) resolved = resolve(set, s.items as JsonSchema);
    else if (!s.properties && s.additionalProperties && typeof s.additionalProperties === "object") resolved = resolve(set, s.additionalProperties as JsonSchema);
    else break;
  }
  return resolved;
}

function descriptionOf(own: JsonSchema, target: JsonSchema | undefined): string {
  if (typeof own.description === "string") return own.description;
  return typeof target?.description === "string" ? target.description : "";
}

function build(set: ClusterSchemaSet, schema: JsonSchema | undefined, prefix: string, seen: Set<string>, depth: number): FieldNode[] {
  const { schema: holder, ref } = fieldsHolder(set, schema);
  if (!holder?.properties || depth > 30) return [];
  if (ref && seen.has(ref)) return [];
  const onPath = ref ? new Set([...seen, ref]) : seen;
  const required = new Set(Array.isArray(holder.required) ? (holder.required as string[]) : []);
  return Object.entries(holder.properties as Record<string, JsonSchema>)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, child]) => {
      const path = prefix ? `${prefix}.${name}` : name;
      const target = resolve(set, child).schema;
      const enumValues = (child.enum ?? target?.enum) as unknown[] | undefined;
      return {
        name,
        path,
        type: typeLabel(child),
        isRequired: required.has(name),
        description: descriptionOf(child, target),
        ...(enumValues ? { enumValues: enumValues.map(String) } : {}),
        children: build(set, child, path, onPath, depth + 1),
      };
    });
}

/** The fields of `apiVersion`/`kind`, or undefined when the cluster does not serve that kind. */
export function explainKind(set: ClusterSchemaSet, apiVersion: string, kind: string): { description: string; fields: FieldNode[] } | undefined {
  const entry = set.kinds.find((k) => k.apiVersion === apiVersion && k.kind === kind);
  if (!entry) return undefined;
  const root = set.definitions[entry.definition];
  return { description: typeof root?.description === "string" ? root.description : "", fields: build(set, { $ref: `#/definitions/${entry.definition}` }, "", new Set(), 0) };
}

/** Plain text in the layout of `kubectl explain --recursive`, for copying. */
export function formatExplain(kind: string, apiVersion: string, fields: FieldNode[]): string {
  const lines = [`KIND:     ${kind}`, `VERSION:  ${apiVersion}`, "", "FIELDS:"];
  const walk = (nodes: FieldNode[], depth: number) => {
    for (const node of nodes) {
      lines.push(`${"  ".repeat(depth + 1)}${node.name}\t<${node.type}>${node.isRequired ? " -required-" : ""}`);
      walk(node.children, depth + 1);
    }
  };
  walk(fields, 0);
  return lines.join("\n");
}
