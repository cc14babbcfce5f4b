/**
 * Field sets as server-side apply tracks them in managedFields (fieldsV1): paths of `f:<field>`
 * and `k:{"name":"web"}` elements, with `.` for an associative-list item or map itself.
 * https://kubernetes.io/docs/reference/using-api/server-side-apply/#field-management
 */
import { resolveRef, type JsonSchema } from "@/server/sim/openapi/build-schemas";

type Json = unknown;
type Obj = Record<string, Json>;
const isObj = (v: Json): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** A field path, JSON-encoded so it can live in a Set: '["f:spec","f:replicas"]'. */
export type FieldPath = string;

const IGNORED_METADATA = new Set(["name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "managedFields", "selfLink", "generateName"]);

/** Every field `obj` sets, as apply would own them. `withMapDots` adds `.` for maps (Update operations do). */
export function fieldsOf(obj: Json, schema: JsonSchema | undefined, withMapDots = false): Set<FieldPath> {
  const out = new Set<FieldPath>();
  walk(obj, schema, [], out, withMapDots, true);
  return out;
}

function walk(value: Json, raw: JsonSchema | undefined, path: string[], out: Set<FieldPath>, dots: boolean, top: boolean): void {
  const schema = raw ? resolveRef(raw) : undefined;
  if (!isObj(value)) return;
  for (const [k, v] of Object.entries(value)) {
    if (top && (k === "apiVersion" || k === "kind" || k === "status")) continue;
    if (path.length === 1 && path[0] === "f:metadata" && IGNORED_METADATA.has(k)) continue;
    const prop = schema?.properties?.[k] ?? schema?.additionalProperties;
    const p = [...path, `f:${k}`];
    const propSchema = prop ? resolveRef(prop) : undefined;
    const key = propSchema?.["x-kubernetes-patch-merge-key"] as string | undefined;
    if (key && Array.isArray(v)) {
      for (const item of v) {
        if (!isObj(item)) continue;
        const ip = [...p, `k:${JSON.stringify({ [key]: item[key] })}`];
        out.add(JSON.stringify([...ip, "."]));
        walk(item, propSchema?.items, ip, out, dots, false);
      }
    } else if (isObj(v) && Object.keys(v).length > 0 && propSchema?.type === "object" && !propSchema["x-kubernetes-preserve-unknown-fields"] && !isAtomic(k, path)) {
      if (dots && propSchema.additionalProperties) out.add(JSON.stringify([...p, "."]));
      walk(v, propSchema, p, out, dots, false);
    } else {
      out.add(JSON.stringify(p));
    }
  }
}

/** Label selectors are atomic maps in the upstream schema (x-kubernetes-map-type: atomic). */
function isAtomic(key: string, path: string[]): boolean {
  return key === "selector" && path.length === 1 && path[0] === "f:spec";
}

/** The value at a field path, or undefined. */
export function valueAt(obj: Json, path: FieldPath): Json {
  let cur: Json = obj;
  for (const el of JSON.parse(path) as string[]) {
    if (el === ".") return cur;
    if (el.startsWith("f:")) cur = isObj(cur) ? cur[el.slice(2)] : undefined;
    else if (el.startsWith("k:")) {
      const key = JSON.parse(el.slice(2)) as Obj;
      const [[k, v]] = Object.entries(key);
      cur = Array.isArray(cur) ? cur.find((x) => isObj(x) && x[k] === v) : undefined;
    }
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** Removes the field (or list item) at `path` from `obj` in place. */
export function removeAt(obj: Json, path: FieldPath): void {
  const els = (JSON.parse(path) as string[]).filter((e) => e !== ".");
  let cur: Json = obj;
  for (let i = 0; i < els.length; i++) {
    const el = els[i];
    const last = i === els.length - 1;
    if (el.startsWith("f:")) {
      if (!isObj(cur)) return;
      if (last) delete cur[el.slice(2)];
      else cur = cur[el.slice(2)];
    } else {
      const [[k, v]] = Object.entries(JSON.parse(el.slice(2)) as Obj);
      if (!Array.isArray(cur)) return;
      const idx = cur.findIndex((x) => isObj(x) && x[k] === v);
      if (idx < 0) return;
      if (last) cur.splice(idx, 1);
      else cur = cur[idx];
    }
  }
}

/** Set → the nested fieldsV1 object stored in managedFields. */
export function toFieldsV1(set: Set<FieldPath>): Obj {
  const root: Obj = {};
  for (const path of [...set].sort()) {
    let cur = root;
    for (const el of JSON.parse(path) as string[]) cur = (cur[el] ??= {}) as Obj;
  }
  return root;
}

export function fromFieldsV1(fields: Json): Set<FieldPath> {
  const out = new Set<FieldPath>();
  const visit = (node: Json, path: string[]) => {
    const entries = isObj(node) ? Object.entries(node) : [];
    if (entries.length === 0 && path.length > 0) out.add(JSON.stringify(path));
    for (const [k, v] of entries) visit(v, [...path, k]);
  };
  visit(fields, []);
  return out;
}

/** `.spec.replicas`, `.spec.template.spec.containers[name="web"].image` — the notation conflict messages use. */
export function describePath(path: FieldPath): string {
  return (JSON.parse(path) as string[])
    .filter((e) => e !== ".")
    .map((el) => {
      if (el.startsWith("f:")) return `.${el.slice(2)}`;
      const [[k, v]] = Object.entries(JSON.parse(el.slice(2)) as Obj);
      return `[${k}=${JSON.stringify(v)}]`;
    })
    .join("");
}
