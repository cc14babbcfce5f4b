/**
 * Finds the REST resource for any apiVersion/kind the cluster serves (CRDs included) through
 * discovery, for the YAML editor — the fixed table in kind-registry.ts only knows the kinds Berth
 * renders or watches. Answers are cached per cluster and group-version for a minute.
 * https://kubernetes.io/docs/reference/using-api/api-concepts/#discovery
 */
import type { KubeConfig } from "@kubernetes/client-node";
import { AppError } from "@/server/errors";
import { kubeClientsFor } from "@/server/kube/kube-clients";
import { isKubeApiError } from "@/server/kube/kube-api-error";
import type { ResourceKind } from "@/server/kube/kind-registry";
import { processSingleton } from "@/server/singleton";

interface ApiResourceList {
  resources?: Array<{ name: string; kind: string; namespaced: boolean; verbs?: string[] }>;
}

const TTL_MS = 60_000;
const cache = processSingleton("discover-kind", () => new WeakMap<KubeConfig, Map<string, { at: number; list: Promise<ApiResourceList | undefined> }>>());

function groupVersionPath(apiVersion: string): string {
  return apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}

async function fetchList(kubeConfig: KubeConfig, apiVersion: string): Promise<ApiResourceList | undefined> {
  try {
    return await kubeClientsFor(kubeConfig).request<ApiResourceList>({ method: "GET", path: groupVersionPath(apiVersion), timeoutMs: 10_000 });
  } catch (err) {
    if (isKubeApiError(err, 404)) return undefined;
    throw err;
  }
}

/** The resource descriptor for `apiVersion`/`kind`, or AppError("invalid") saying the cluster does not serve it. */
export async function discoverResourceKind(kubeConfig: KubeConfig, apiVersion: string, kind: string): Promise<ResourceKind> {
  let perCluster = cache.get(kubeConfig);
  if (!perCluster) cache.set(kubeConfig, (perCluster = new Map()));
  let entry = perCluster.get(apiVersion);
  if (!entry || Date.now() - entry.at > TTL_MS) {
    entry = { at: Date.now(), list: fetchList(kubeConfig, apiVersion) };
    perCluster.set(apiVersion, entry);
    entry.list.catch(() => perCluster.delete(apiVersion));
  }
  const list = await entry.list;
  if (!list) throw new AppError({ code: "invalid", message: `The cluster does not serve apiVersion "${apiVersion}"; check the spelling, or install the CRD that defines it.` });
  const found = (list.resources ?? []).find((r) => r.kind === kind && !r.name.includes("/"));
  if (!found) throw new AppError({ code: "invalid", message: `The cluster has no kind "${kind}" in ${apiVersion}; check the spelling and the apiVersion.` });
  return { apiVersion, kind, plural: found.name, namespaced: found.namespaced };
}
