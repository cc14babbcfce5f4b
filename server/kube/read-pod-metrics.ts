import type { KubeConfig } from "@kubernetes/client-node";
import { kubeClientsFor } from "@/server/kube/kube-clients";
import { isKubeApiError } from "@/server/kube/kube-api-error";

/** One container's usage as metrics-server reports it: Kubernetes quantities ("12345678n", "48Mi"). */
export interface ContainerUsage {
  name: string;
  usage: { cpu?: string; memory?: string };
}

/** A PodMetrics object, reduced to what a usage total needs. */
export interface PodMetrics {
  name: string;
  labels: Record<string, string>;
  timestamp?: string;
  containers: ContainerUsage[];
}

export type PodMetricsResult =
  | { available: true; pods: PodMetrics[] }
  | { available: false; message: string };

interface PodMetricsList {
  items?: Array<{ metadata?: { name?: string; labels?: Record<string, string> }; timestamp?: string; containers?: ContainerUsage[] }>;
}

const METRICS_TIMEOUT_MS = 5_000;

/**
 * Current usage of the pods in `namespace` that carry all of `labels`, from metrics.k8s.io
 * (metrics-server). Many clusters do not install metrics-server: a 404 (the group is not served)
 * or 503 (the APIService is registered but its backend is down) is an answer, `available: false`,
 * never an error. Network failures still throw, like every other read.
 * https://kubernetes.io/docs/tasks/debug/debug-cluster/resource-metrics-pipeline/
 */
export async function readPodMetrics(kubeConfig: KubeConfig, namespace: string, labels: Record<string, string>): Promise<PodMetricsResult> {
  const selector = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(",");
  let list: PodMetricsList;
  try {
    list = await kubeClientsFor(kubeConfig).request<PodMetricsList>({
      method: "GET",
      path: `/apis/metrics.k8s.io/v1beta1/namespaces/${encodeURIComponent(namespace)}/pods`,
      query: { labelSelector: selector || undefined },
      timeoutMs: METRICS_TIMEOUT_MS,
    });
  } catch (err) {
    if (isKubeApiError(err, 404)) return { available: false, message: "Metrics unavailable: the cluster has no metrics-server." };
    if (isKubeApiError(err, 503)) return { available: false, message: "Metrics unavailable: the cluster's metrics-server is not answering." };
    throw err;
  }
  const pods = (list.items ?? []).map((item) => ({
    name: item.metadata?.name ?? "",
    labels: item.metadata?.labels ?? {},
    timestamp: item.timestamp,
    containers: item.containers ?? [],
  }));
  // metrics-server copies pod labels onto PodMetrics; filtering again guards against a server that ignores the selector.
  return { available: true, pods: pods.filter((p) => Object.entries(labels).every(([k, v]) => p.labels[k] === v)) };
}
