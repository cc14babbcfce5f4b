/**
 * Who changed a drifted field, from the Deployment's `managedFields`: an update that changes a
 * field takes it from its other managers, so the non-Berth managers holding the field's path
 * are the ones who changed it. kubectl names itself per command (`kubectl-edit`, `kubectl-set`,
 * `kubectl-client-side-apply`, `kubectl-patch`); `kubectl scale` sends no field manager, so the
 * API server records the user agent's prefix, `kubectl`, on the `scale` subresource.
 * https://kubernetes.io/docs/reference/using-api/server-side-apply/#managers
 */
import type { ModelledField } from "@/lib/schemas/drift";
import { FIELD_MANAGER } from "@/server/kube/apply-object";
import { EDITOR_FIELD_MANAGER } from "@/server/kube/editor-apply";
import type { ManagedFieldsEntry } from "@/server/kube/kube-object";

/** The fieldsV1 path of each modelled field, below the app's container where it lives there. */
function pathOf(field: ModelledField, container: string): string[] {
  if (field === "replicas") return ["f:spec", "f:replicas"];
  return ["f:spec", "f:template", "f:spec", "f:containers", `k:${JSON.stringify({ name: container })}`, `f:${field}`];
}

/**
 * `kubectl scale`, `kubectl edit`, `kubectl apply` — as a person typed it — or the manager's own
 * name. A forced apply in Berth's YAML editor is drift too: it sets the object, not the spec.
 */
export function describeManager(entry: Pick<ManagedFieldsEntry, "manager" | "subresource">): string {
  const manager = entry.manager ?? "an unnamed client";
  if (manager === EDITOR_FIELD_MANAGER) return "Berth's YAML editor";
  if (manager === "kubectl") return entry.subresource ? `kubectl ${entry.subresource}` : "kubectl";
  if (manager === "kubectl-client-side-apply") return "kubectl apply";
  if (manager.startsWith("kubectl-")) return `kubectl ${manager.slice("kubectl-".length)}`;
  return manager;
}

/** Each drifted field's managers other than Berth, described; a field nobody else holds gets none. */
export function managersOf(entries: readonly ManagedFieldsEntry[], container: string, fields: readonly ModelledField[]): Map<ModelledField, string[]> {
  const out = new Map<ModelledField, string[]>();
  for (const field of fields) {
    const path = pathOf(field, container);
    const holders = entries.filter((e) => e.manager !== FIELD_MANAGER && holds(e.fieldsV1, path)).map(describeManager);
    out.set(field, [...new Set(holders)]);
  }
  return out;
}

/** True when the field set holds the path itself or anything below it. */
function holds(fields: Record<string, unknown> | undefined, path: string[]): boolean {
  let node: unknown = fields;
  for (const key of path) {
    if (typeof node !== "object" || node === null) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === "object" && node !== null;
}
