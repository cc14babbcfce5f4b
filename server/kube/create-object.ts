import type { KubeConfig } from "@kubernetes/client-node";
import { kubeClientsFor } from "@/server/kube/kube-clients";
import type { KubeObject } from "@/server/kube/kube-object";
import { resourceKindOf, resourcePath } from "@/server/kube/kind-registry";

/**
 * Creates one object (POST), for what Berth makes once rather than renders and applies — a Job
 * of "Run now". A name already taken is the API's 409 AlreadyExists.
 */
export async function createObject(kubeConfig: KubeConfig, obj: KubeObject): Promise<KubeObject> {
  const kind = resourceKindOf(obj.apiVersion, obj.kind);
  return kubeClientsFor(kubeConfig).request<KubeObject>({ method: "POST", path: resourcePath(kind, obj.metadata.namespace), body: obj });
}
