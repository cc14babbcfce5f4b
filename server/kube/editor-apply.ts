/**
 * Reads and server-side-applies objects from the YAML editor under its own field manager,
 * `berth-editor`, so a person's hand edits are told apart from what the engine (`berth`) writes
 * and a conflict between the two names its owner.
 * https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts
 */
import type { KubeConfig } from "@kubernetes/client-node";
import { kubeClientsFor } from "@/server/kube/kube-clients";
import { isKubeApiError } from "@/server/kube/kube-api-error";
import type { KubeObject } from "@/server/kube/kube-object";
import { resourcePath, type ResourceKind } from "@/server/kube/kind-registry";

export const EDITOR_FIELD_MANAGER = "berth-editor";

/** The live object, or undefined when it does not exist yet. */
export async function readEditorObject(kubeConfig: KubeConfig, kind: ResourceKind, namespace: string | undefined, name: string): Promise<KubeObject | undefined> {
  try {
    return await kubeClientsFor(kubeConfig).request<KubeObject>({ method: "GET", path: resourcePath(kind, namespace, name), timeoutMs: 15_000 });
  } catch (err) {
    if (isKubeApiError(err, 404)) return undefined;
    throw err;
  }
}

/**
 * Applies `obj` (dry-run with `dryRun: true`: the API server validates, defaults and runs
 * admission, then stores nothing). Failures are thrown as KubeApiError so the caller can map
 * 422 causes to lines and 409 conflicts to their managers.
 */
export async function applyEditorObject(
  kubeConfig: KubeConfig,
  kind: ResourceKind,
  obj: KubeObject,
  options: { dryRun: boolean; force: boolean },
): Promise<KubeObject> {
  const body = { ...obj, metadata: { ...obj.metadata } };
  delete body.metadata.managedFields;
  delete body.metadata.resourceVersion;
  return kubeClientsFor(kubeConfig).request<KubeObject>({
    method: "PATCH",
    path: resourcePath(kind, kind.namespaced ? obj.metadata.namespace : undefined, obj.metadata.name),
    query: { fieldManager: EDITOR_FIELD_MANAGER, fieldValidation: "Strict", force: options.force ? true : undefined, dryRun: options.dryRun ? "All" : undefined },
    body,
    contentType: "application/apply-patch+yaml",
    timeoutMs: 30_000,
  });
}
