/**
 * Objects as the editor shows them: YAML text, `managedFields` and `status` left out unless
 * asked for (they are the server's bookkeeping, not something to edit), and Secret values never
 * sent to the browser.
 */
import { stringify } from "yaml";
import type { KubeObject } from "@/server/kube/kube-object";

export const HIDDEN_SECRET_VALUE = "(hidden by Berth)";

export function redactSecretValues(obj: KubeObject): KubeObject {
  if (obj.kind !== "Secret" || obj.apiVersion !== "v1") return obj;
  const copy: KubeObject = { ...obj };
  for (const field of ["data", "stringData"] as const) {
    const values = obj[field];
    if (values && typeof values === "object") copy[field] = Object.fromEntries(Object.keys(values).map((k) => [k, HIDDEN_SECRET_VALUE]));
  }
  return copy;
}

/** apiVersion, kind and metadata first, as people write objects (lists put them last). */
function conventionalOrder(obj: KubeObject): KubeObject {
  const { apiVersion, kind, metadata, ...rest } = obj;
  return { apiVersion, kind, metadata, ...rest };
}

/** For editing and diffing: no managedFields / status (unless `full`), Secret values hidden. */
export function editableObject(obj: KubeObject, options: { full?: boolean } = {}): KubeObject {
  const safe = conventionalOrder(redactSecretValues(obj));
  if (options.full) return safe;
  const { status: _status, ...rest } = safe;
  const metadata = { ...safe.metadata };
  delete metadata.managedFields;
  return { ...rest, metadata } as KubeObject;
}

/** For the diff: also drops what every write changes, so only real changes show. */
export function comparableObject(obj: KubeObject): KubeObject {
  const editable = editableObject(obj);
  const metadata = { ...editable.metadata };
  delete metadata.resourceVersion;
  delete metadata.generation;
  return { ...editable, metadata };
}

export function toYaml(objects: KubeObject[]): string {
  return objects.map((o) => stringify(o, { lineWidth: 0 })).join("---\n");
}
