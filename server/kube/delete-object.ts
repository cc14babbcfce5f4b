import type { KubeConfig } from "@kubernetes/client-node";
import { kubeClientsFor } from "@/server/kube/kube-clients";
import { isKubeApiError } from "@/server/kube/kube-api-error";
import type { ObjectRef } from "@/server/kube/kube-object";
import { resourceKindOf, resourcePath } from "@/server/kube/kind-registry";

/**
 * Deletes one object with Background propagation (a Deployment's ReplicaSets and Pods go with
 * it, as with kubectl). Returns false when it was already gone, so deleting twice is harmless.
 * https://kubernetes.io/docs/concepts/architecture/garbage-collection/#cascading-deletion
 */
export async function deleteObject(kubeConfig: KubeConfig, ref: ObjectRef, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<boolean> {
  const kind = resourceKindOf(ref.apiVersion, ref.kind);
  try {
    await kubeClientsFor(kubeConfig).request({
      method: "DELETE",
      path: resourcePath(kind, ref.namespace, ref.name),
      body: { kind: "DeleteOptions", apiVersion: "v1", propagationPolicy: "Background" },
      timeoutMs: options.timeoutMs,
      signal: options.signal,
    });
    return true;
  } catch (err) {
    if (isKubeApiError(err, 404)) return false;
    throw err;
  }
}
