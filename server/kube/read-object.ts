import type { KubeConfig } from "@kubernetes/client-node";
import { kubeClientsFor } from "@/server/kube/kube-clients";
import { isKubeApiError } from "@/server/kube/kube-api-error";
import type { KubeObject, ObjectRef } from "@/server/kube/kube-object";
import { resourceKindOf, resourcePath } from "@/server/kube/kind-registry";

/** Reads one object; `undefined` when it does not exist (404). */
export async function readObject(kubeConfig: KubeConfig, ref: ObjectRef): Promise<KubeObject | undefined> {
  const kind = resourceKindOf(ref.apiVersion, ref.kind);
  try {
    return await kubeClientsFor(kubeConfig).request<KubeObject>({ method: "GET", path: resourcePath(kind, ref.namespace, ref.name) });
  } catch (err) {
    if (isKubeApiError(err, 404)) return undefined;
    throw err;
  }
}
