/**
 * Walks an incoming object against the kind's OpenAPI schema and reports what kube-apiserver's
 * JSON decoder would: a wrong JSON type is a 400 decode error naming the Go struct field
 * ("cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32"),
 * an unknown field is reported per the fieldValidation mode (Strict → 400, Warn → warning).
 */
import { resolveRef, schemaSet, type JsonSchema } from "@/server/sim/openapi/build-schemas";

export interface SchemaFindings {
  typeErrors: string[];
  unknownFields: string[];
  /** Deletes the unknown fields from the object, as the decoder drops them (Warn and Ignore). */
  dropUnknownFields(): void;
}

/** Resource quantities are strings in the schema but the decoder also takes JSON numbers. */
export const QUANTITY_MAPS = new Set(["limits", "requests", "capacity", "allocatable", "hard", "used"]);

function goType(schema: JsonSchema): string {
  if (schema.format === "int-or-string") return "intstr.IntOrString";
  if (schema.type === "integer") return schema.format === "int64" ? "int64" : "int32";
  if (schema.type === "number") return "float64";
  if (schema.type === "boolean") return "bool";
  if (schema.type === "string") return "string";
  if (schema.type === "array") return "[]" + goType(resolveRef(schema.items ?? {}));
  return schema.additionalProperties ? "map[string]" + goType(resolveRef(schema.additionalProperties)) : "struct";
}

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return "array";
  if (value === null) return "null";
  if (typeof value === "object") return "object";
  return typeof value === "boolean" ? "bool" : typeof value;
}

let structNames: WeakMap<JsonSchema, string> | undefined;

function structNameOf(schema: JsonSchema): string {
  if (!structNames) {
    structNames = new WeakMap();
    for (const [name, s] of schemaSet().schemas) structNames.set(s, name.split(".").pop()!);
  }
  return structNames.get(schema) ?? "Object";
}

export function checkSchema(obj: unknown, root: JsonSchema): SchemaFindings {
  const drops: Array<() => void> = [];
  const findings: Walked = { typeErrors: [], unknownFields: [], drops, dropUnknownFields: () => drops.forEach((drop) => drop()) };
  walk(obj, root, "", "", findings, undefined);
  return findings;
}

interface Walked extends SchemaFindings {
  drops: Array<() => void>;
}

function walk(value: unknown, raw: JsonSchema, path: string, goPath: string, f: Walked, ctx: { struct: string; mapName?: string } | undefined): void {
  const schema = resolveRef(raw);
  if (value === null || value === undefined) return;
  const mismatch = (): boolean => {
    const k = jsonKind(value);
    if (schema.format === "int-or-string") return k !== "number" && k !== "string";
    switch (schema.type) {
      case "integer":
        return k !== "number" || !Number.isInteger(value);
      case "number":
        return k !== "number";
      case "boolean":
        return k !== "bool";
      case "string":
        return k !== "string" && !(k === "number" && ctx?.mapName && QUANTITY_MAPS.has(ctx.mapName));
      case "array":
        return k !== "array";
      case "object":
        return k !== "object";
      default:
        return false;
    }
  };
  if (mismatch()) {
    const field = ctx ? `Go struct field ${ctx.struct}${goPath}` : "Go value";
    f.typeErrors.push(`json: cannot unmarshal ${jsonKind(value)} into ${field} of type ${goType(schema)}`);
    return;
  }
  if (schema["x-kubernetes-preserve-unknown-fields"]) return;
  if (schema.type === "array" && Array.isArray(value) && schema.items) {
    value.forEach((item, i) => walk(item, schema.items!, `${path}[${i}]`, goPath, f, ctx));
    return;
  }
  if (schema.type !== "object" || typeof value !== "object") return;
  const entries = Object.entries(value as Record<string, unknown>);
  if (schema.additionalProperties) {
    const mapName = goPath.split(".").pop();
    for (const [k, v] of entries) walk(v, schema.additionalProperties, `${path}.${k}`, goPath, f, { struct: ctx?.struct ?? "Object", mapName });
    return;
  }
  if (!schema.properties) return;
  const struct = structNameOf(schema);
  for (const [k, v] of entries) {
    const prop = schema.properties[k];
    const childPath = path ? `${path}.${k}` : k;
    if (!prop) {
      f.unknownFields.push(childPath);
      f.drops.push(() => delete (value as Record<string, unknown>)[k]);
      continue;
    }
    walk(v, prop, childPath, `${goPath}.${k}`, f, { struct, mapName: undefined });
  }
}
