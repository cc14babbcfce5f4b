/**
 * Server-side apply and managedFields bookkeeping: who owns which field, conflicts between
 * managers (409 with `Apply failed with 1 conflict: conflict with "kubectl": .spec.replicas`),
 * force to take ownership, and removal of fields a manager stopped applying.
 * https://kubernetes.io/docs/reference/using-api/server-side-apply/
 */
import { SimError, type KubeObject } from "@/server/sim/contract";
import { strategicMerge } from "@/server/sim/patch/apply-patches";
import { describePath, fieldsOf, fromFieldsV1, removeAt, toFieldsV1, valueAt, type FieldPath } from "@/server/sim/patch/field-sets";
import type { JsonSchema } from "@/server/sim/openapi/build-schemas";

export interface ManagedFieldsEntry {
  manager: string;
  operation: "Apply" | "Update";
  apiVersion: string;
  time: string;
  fieldsType: "FieldsV1";
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

const now = () => new Date().toISOString().replace(/\.\d+Z$/, "Z");
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function entries(obj: KubeObject | undefined): ManagedFieldsEntry[] {
  return ((obj?.metadata.managedFields as ManagedFieldsEntry[] | undefined) ?? []).map((e) => ({ ...e }));
}

function setEntries(obj: KubeObject, list: ManagedFieldsEntry[]): void {
  const kept = list.filter((e) => Object.keys(e.fieldsV1).length > 0);
  if (kept.length) obj.metadata.managedFields = kept;
  else delete obj.metadata.managedFields;
}

export interface ApplyInput {
  live: KubeObject | undefined;
  config: KubeObject;
  manager: string;
  force: boolean;
  schema: JsonSchema | undefined;
  subresource?: string;
}

/** Returns the object after applying `config` as `manager`, or throws the 409 conflict Status. */
export function serverSideApply({ live, config, manager, force, schema, subresource }: ApplyInput): KubeObject {
  const configFields = fieldsOf(config, schema);
  const managed = entries(live);
  const conflicts: Array<{ manager: string; path: FieldPath; entry: ManagedFieldsEntry }> = [];
  for (const entry of managed) {
    if (entry.manager === manager && entry.operation === "Apply") continue;
    if (entry.manager === manager) continue;
    for (const path of fromFieldsV1(entry.fieldsV1)) {
      if (path.endsWith('"."]')) continue;
      if (configFields.has(path) && !same(valueAt(live, path), valueAt(config, path))) conflicts.push({ manager: entry.manager, path, entry });
    }
  }
  if (conflicts.length > 0 && !force) throw conflictError(conflicts);
  const forced = new Set(conflicts.map((c) => c.path));
  const previous = fromFieldsV1(managed.find((e) => e.manager === manager && e.operation === "Apply")?.fieldsV1 ?? {});
  const base = live ? structuredClone(live) : ({ apiVersion: config.apiVersion, kind: config.kind, metadata: {} } as KubeObject);
  const merged = strategicMerge(base, stripForMerge(config), schema) as KubeObject;
  const ownedByOthers = new Set<FieldPath>();
  for (const e of managed) if (!(e.manager === manager && e.operation === "Apply")) for (const p of fromFieldsV1(e.fieldsV1)) ownedByOthers.add(p);
  for (const path of previous) if (!configFields.has(path) && !ownedByOthers.has(path)) removeAt(merged, path);
  const next: ManagedFieldsEntry[] = [];
  for (const e of managed) {
    if (e.manager === manager && e.operation === "Apply") continue;
    if (forced.size === 0) {
      next.push(e);
      continue;
    }
    const kept = new Set([...fromFieldsV1(e.fieldsV1)].filter((p) => !forced.has(p)));
    next.push({ ...e, fieldsV1: toFieldsV1(kept) });
  }
  next.push({ manager, operation: "Apply", apiVersion: config.apiVersion, time: now(), fieldsType: "FieldsV1", fieldsV1: toFieldsV1(configFields), ...(subresource ? { subresource } : {}) });
  setEntries(merged, next);
  return merged;
}

function stripForMerge(config: KubeObject): KubeObject {
  const copy = structuredClone(config);
  delete copy.metadata.managedFields;
  delete copy.metadata.resourceVersion;
  delete (copy as { status?: unknown }).status;
  return copy;
}

function conflictError(conflicts: Array<{ manager: string; path: FieldPath; entry: ManagedFieldsEntry }>): SimError {
  const label = (c: (typeof conflicts)[number]) => (c.entry.operation === "Update" ? `conflict with "${c.manager}" using ${c.entry.apiVersion}` : `conflict with "${c.manager}"`);
  const byManager = new Map<string, string[]>();
  for (const c of conflicts) byManager.set(label(c), [...(byManager.get(label(c)) ?? []), describePath(c.path)]);
  const n = conflicts.length;
  let message: string;
  if (n === 1) message = `Apply failed with 1 conflict: ${label(conflicts[0])}: ${describePath(conflicts[0].path)}`;
  else if (byManager.size === 1) {
    const [[who, paths]] = [...byManager];
    message = `Apply failed with ${n} conflicts: ${who.replace("conflict with", "conflicts with")}:\n${paths.map((p) => `- ${p}`).join("\n")}`;
  } else {
    message = `Apply failed with ${n} conflicts: ${[...byManager].map(([who, paths]) => `${who.replace("conflict with", "conflicts with")}:\n${paths.map((p) => `- ${p}`).join("\n")}`).join("\n")}`;
  }
  return new SimError(409, "Conflict", message, {
    causes: conflicts.map((c) => ({ reason: "FieldManagerConflict", message: label(c), field: describePath(c.path) })),
  });
}

/** Records a non-apply write (create, update, patch) as an Update entry owning what it changed. */
export function trackUpdate(old: KubeObject | undefined, next: KubeObject, manager: string, schema: JsonSchema | undefined, subresource?: string): void {
  const before = old ? fieldsOf(old, schema, true) : new Set<FieldPath>();
  const after = fieldsOf(next, schema, true);
  const changed = new Set<FieldPath>();
  for (const p of after) if (!before.has(p) || !same(valueAt(old, p), valueAt(next, p))) changed.add(p);
  const managed = entries(old ?? next);
  if (changed.size === 0 && old) {
    setEntries(next, managed);
    return;
  }
  const list: ManagedFieldsEntry[] = [];
  let mine: Set<FieldPath> = new Set();
  for (const e of managed) {
    const set = fromFieldsV1(e.fieldsV1);
    if (e.manager === manager && e.operation === "Update" && (e.subresource ?? "") === (subresource ?? "")) {
      mine = set;
      continue;
    }
    const kept = new Set([...set].filter((p) => !changed.has(p) && (after.has(p) || p.endsWith('"."]'))));
    list.push({ ...e, fieldsV1: toFieldsV1(kept) });
  }
  for (const p of changed) mine.add(p);
  for (const p of [...mine]) if (!after.has(p)) mine.delete(p);
  list.push({ manager, operation: "Update", apiVersion: next.apiVersion, time: now(), fieldsType: "FieldsV1", fieldsV1: toFieldsV1(mine), ...(subresource ? { subresource } : {}) });
  setEntries(next, list);
}
