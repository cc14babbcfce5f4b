/**
 * The three classic patch types kube-apiserver accepts: JSON Patch (RFC 6902), JSON Merge
 * Patch (RFC 7386) and strategic merge patch, whose list merge keys come from the OpenAPI
 * schema's x-kubernetes-patch-merge-key (containers by name, ports by containerPort, …).
 */
import { SimError } from "@/server/sim/contract";
import { badRequest } from "@/server/sim/http/status";
import { resolveRef, type JsonSchema } from "@/server/sim/openapi/build-schemas";

type Json = unknown;
type Obj = Record<string, Json>;
const isObj = (v: Json): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

export function mergePatch(target: Json, patch: Json): Json {
  if (!isObj(patch)) return structuredClone(patch);
  // `$patch: replace` swaps the whole map (kubectl rollout undo sends a StatefulSet's template so).
  if (patch.$patch === "replace") return structuredClone(Object.fromEntries(Object.entries(patch).filter(([k]) => k !== "$patch")));
  const out: Obj = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function pointer(path: string): string[] {
  if (path === "") return [];
  if (!path.startsWith("/")) throw badRequest(`the server rejected our request due to an error in our request: invalid JSON pointer "${path}"`);
  return path.slice(1).split("/").map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
}

export function jsonPatch(doc: Json, ops: Json): Json {
  if (!Array.isArray(ops)) throw badRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
  let root = structuredClone(doc);
  for (const op of ops as Array<{ op: string; path: string; value?: Json; from?: string }>) {
    const parts = pointer(op.path);
    const parentOf = (p: string[]) => {
      let cur: Json = root;
      for (const seg of p.slice(0, -1)) {
        cur = Array.isArray(cur) ? cur[Number(seg)] : isObj(cur) ? cur[seg] : undefined;
        if (cur === undefined) throw badRequest(`doc is missing path: "${op.path}": missing value`);
      }
      return cur as Obj | Json[];
    };
    const getAt = (p: string[]) => p.reduce<Json>((cur, seg) => (Array.isArray(cur) ? cur[Number(seg)] : isObj(cur) ? cur[seg] : undefined), root);
    const put = (p: string[], value: Json, insert: boolean) => {
      if (p.length === 0) {
        root = value;
        return;
      }
      const parent = parentOf(p);
      const last = p[p.length - 1];
      if (Array.isArray(parent)) {
        const idx = last === "-" ? parent.length : Number(last);
        if (insert) parent.splice(idx, 0, value);
        else parent[idx] = value;
      } else (parent as Obj)[last] = value;
    };
    const remove = (p: string[]) => {
      const parent = parentOf(p);
      const last = p[p.length - 1];
      if (getAt(p) === undefined) throw badRequest(`the server rejected our request due to an error in our request: unable to remove nonexistent key: ${last}: missing value`);
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete (parent as Obj)[last];
    };
    switch (op.op) {
      case "add":
        put(parts, structuredClone(op.value), true);
        break;
      case "replace":
        if (getAt(parts) === undefined) throw badRequest(`the server rejected our request due to an error in our request: replace operation does not apply: doc is missing key: ${op.path}: missing value`);
        put(parts, structuredClone(op.value), false);
        break;
      case "remove":
        remove(parts);
        break;
      case "move":
      case "copy": {
        const from = pointer(op.from ?? "");
        const value = structuredClone(getAt(from));
        if (op.op === "move") remove(from);
        put(parts, value, true);
        break;
      }
      case "test":
        if (JSON.stringify(getAt(parts)) !== JSON.stringify(op.value)) throw new SimError(422, "Invalid", "the server rejected our request due to an error in our request", {});
        break;
      default:
        throw badRequest(`Unexpected kind: ${op.op}`);
    }
  }
  return root;
}

/** Strategic merge patch: like merge patch, but lists with a merge key merge item by item. */
export function strategicMerge(target: Json, patch: Json, schema: JsonSchema | undefined): Json {
  const s = schema ? resolveRef(schema) : undefined;
  if (!isObj(patch)) return structuredClone(patch);
  // `$patch: replace` swaps the whole map (kubectl rollout undo sends a StatefulSet's template so).
  if (patch.$patch === "replace") return structuredClone(Object.fromEntries(Object.entries(patch).filter(([k]) => k !== "$patch")));
  const out: Obj = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith("$")) continue; // directives such as $setElementOrder / $retainKeys
    if (v === null) {
      delete out[k];
      continue;
    }
    const propSchema = s?.properties?.[k] ?? (s?.additionalProperties as JsonSchema | undefined);
    const key = propSchema?.["x-kubernetes-patch-merge-key"] as string | undefined;
    if (key && Array.isArray(v) && Array.isArray(out[k])) {
      out[k] = mergeList(out[k] as Json[], v, key, propSchema?.items);
    } else {
      out[k] = isObj(v) ? strategicMerge(out[k], v, propSchema) : structuredClone(v);
    }
  }
  return out;
}

function mergeList(live: Json[], patch: Json[], key: string, items: JsonSchema | undefined): Json[] {
  const out = live.map((x) => structuredClone(x));
  for (const item of patch) {
    if (!isObj(item)) continue;
    const idx = out.findIndex((x) => isObj(x) && x[key] === item[key]);
    if (item.$patch === "delete") {
      if (idx >= 0) out.splice(idx, 1);
    } else if (idx >= 0) out[idx] = strategicMerge(out[idx], item, items);
    else out.push(strategicMerge({}, item, items));
  }
  return out;
}
