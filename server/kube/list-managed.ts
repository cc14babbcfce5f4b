import type { KubeConfig } from "@kubernetes/client-node";
import { kubeClientsFor } from "@/server/kube/kube-clients";
import type { KubeObject } from "@/server/kube/kube-object";
import { resourcePath, type ResourceKind } from "@/server/kube/kind-registry";

/** The label every object Berth writes carries; informers and prune select on it. */
export const MANAGED_BY_SELECTOR = "app.kubernetes.io/managed-by=berth";

export interface KubeList {
  metadata?: { resourceVersion?: string; continue?: string };
  items: KubeObject[];
}

const PAGE_SIZE = 500;

/**
 * Lists objects of one kind matching a label selector, in one namespace or all of them,
 * following `continue` tokens so a large cluster is read in pages.
 * https://kubernetes.io/docs/reference/using-api/api-concepts/#retrieving-large-results-sets-in-chunks
 */
export async function listObjects(
  kubeConfig: KubeConfig,
  kind: ResourceKind,
  options: { namespace?: string; labelSelector?: string; signal?: AbortSignal } = {},
): Promise<KubeList> {
  const client = kubeClientsFor(kubeConfig);
  const items: KubeObject[] = [];
  let token: string | undefined;
  let resourceVersion: string | undefined;
  for (let page = 0; page < 1000; page++) {
    const list = await client.request<KubeList>({
      method: "GET",
      path: resourcePath(kind, options.namespace),
      query: { labelSelector: options.labelSelector, limit: PAGE_SIZE, continue: token },
      signal: options.signal,
    });
    for (const item of list.items ?? []) items.push({ ...item, apiVersion: kind.apiVersion, kind: kind.kind });
    resourceVersion = list.metadata?.resourceVersion;
    token = list.metadata?.continue || undefined;
    if (!token) break;
  }
  return { metadata: { resourceVersion }, items };
}

/** Objects of one kind carrying all of `labels` and Berth's managed-by label. */
export function listManaged(
  kubeConfig: KubeConfig,
  kind: ResourceKind,
  options: { namespace?: string; labels?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<KubeList> {
  const selector = [MANAGED_BY_SELECTOR, ...Object.entries(options.labels ?? {}).map(([k, v]) => `${k}=${v}`)].join(",");
  return listObjects(kubeConfig, kind, { namespace: options.namespace, labelSelector: selector, signal: options.signal });
}
