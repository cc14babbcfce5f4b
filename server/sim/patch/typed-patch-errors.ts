/**
 * What kube-apiserver answers when a server-side apply body does not fit the kind's schema: the
 * structured-merge-diff type converter refuses the patch before anything else looks at it, and
 * the API server passes its plain Go error on as a 500 `Status` with no `reason`:
 *
 *     failed to create typed patch object (rec/ssa-b; apps/v1, Kind=Deployment): .spec.replicaz: field not declared in schema
 *
 * Recorded on v1.28.7 (../shared/real-k8s/01b-*, 01c-*) for every fieldValidation value, with and
 * without dryRun, new or existing object; still so on the current release (kubernetes/kubernetes
 * issues #122480, #118877 and #139253 are open; PR #119178, which made it a 400, was closed
 * unmerged, and PR #139255 is not merged). fieldValidation does not change it: apply is always strict.
 * Message formats: structured-merge-diff's typed/validate.go (`validateScalar`) and
 * `ValidationErrors.Error()` ("errors:\n  <path>: <message>" when there are several).
 */
import { SimError, type KubeObject } from "@/server/sim/contract";
import { resolveRef, type JsonSchema } from "@/server/sim/openapi/build-schemas";
import { QUANTITY_MAPS } from "@/server/sim/validate/check-schema";

/** Go's `%T` of a value decoded from JSON into `interface{}`. */
function goDynamicType(value: unknown): string {
  if (Array.isArray(value)) return "[]interface {}";
  if (typeof value === "object" && value !== null) return "map[string]interface {}";
  if (typeof value === "number") return Number.isInteger(value) ? "int64" : "float64";
  return typeof value === "boolean" ? "bool" : "string";
}

/** Go's `%v` of such a value, close enough for a message a person reads. */
function goValue(value: unknown): string {
  if (typeof value === "object" && value !== null) return Array.isArray(value) ? `[${value.map(goValue).join(" ")}]` : `map[${Object.entries(value).map(([k, v]) => `${k}:${goValue(v)}`).join(" ")}]`;
  return String(value);
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value !== "object";
}

/** The converter's complaint about `value` against `schema`, or undefined when it fits. */
function mismatch(schema: JsonSchema, value: unknown, isQuantity: boolean): string | undefined {
  if (value === null) return undefined;
  // Resource quantities are strings in the OpenAPI schema but untyped scalars to the converter.
  if (isQuantity) return isScalar(value) ? undefined : `expected any scalar, got &{${goValue(value)}}`;
  if (schema.format === "int-or-string") return isScalar(value) ? undefined : `expected any scalar, got &{${goValue(value)}}`;
  switch (schema.type) {
    case "integer":
    case "number":
      return typeof value === "number" ? undefined : `expected numeric (int or float), got ${goDynamicType(value)}`;
    case "string":
      return typeof value === "string" ? undefined : `expected string, got &value.valueUnstructured{Value:${goValue(value)}}`;
    case "boolean":
      return typeof value === "boolean" ? undefined : `expected boolean, got &{${goValue(value)}}`;
    case "array":
      return Array.isArray(value) ? undefined : `expected list, got &{${goValue(value)}}`;
    case "object":
      return typeof value === "object" && !Array.isArray(value) ? undefined : `expected map, got &{${goValue(value)}}`;
    default:
      return undefined;
  }
}

/** Path element of a list item: `[name="web"]` for an associative list, `[0]` otherwise. */
function itemElement(schema: JsonSchema, item: unknown, index: number): string {
  const key = schema["x-kubernetes-patch-merge-key"] as string | undefined;
  const keyValue = key && typeof item === "object" && item !== null ? (item as Record<string, unknown>)[key] : undefined;
  return keyValue === undefined ? `[${index}]` : `[${key}=${JSON.stringify(keyValue)}]`;
}

function walk(value: unknown, raw: JsonSchema, path: string, errors: string[], isQuantity = false): void {
  const schema = resolveRef(raw);
  const wrong = mismatch(schema, value, isQuantity);
  if (wrong) {
    errors.push(`${path}: ${wrong}`);
    return;
  }
  if (value === null || typeof value !== "object" || schema["x-kubernetes-preserve-unknown-fields"]) return;
  if (Array.isArray(value)) {
    if (schema.items) value.forEach((item, i) => walk(item, schema.items!, `${path}${itemElement(schema, item, i)}`, errors));
    return;
  }
  const mapName = path.slice(path.lastIndexOf(".") + 1);
  for (const [key, child] of Object.entries(value)) {
    const prop = schema.properties?.[key] ?? schema.additionalProperties;
    if (prop) walk(child, prop, `${path}.${key}`, errors, !schema.properties && QUANTITY_MAPS.has(mapName));
    else if (schema.properties) errors.push(`${path}.${key}: field not declared in schema`);
  }
}

/** The 500 a real server answers for an apply body that does not fit `schema`, or undefined. */
export function typedPatchError(config: KubeObject, schema: JsonSchema, groupVersionKind: string): SimError | undefined {
  const errors: string[] = [];
  walk(config, schema, "", errors);
  if (errors.length === 0) return undefined;
  const detail = errors.length === 1 ? errors[0] : ["errors:", ...errors.map((e) => `  ${e}`)].join("\n");
  const where = `${config.metadata.namespace ?? ""}/${config.metadata.name}; ${groupVersionKind}`;
  return new SimError(500, "", `failed to create typed patch object (${where}): ${detail}`);
}
