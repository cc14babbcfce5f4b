import type { KubeConfig } from "@kubernetes/client-node";
import { AppError } from "@/server/errors";
import { getKubeConfig } from "@/server/kube/cluster";

/** The connected cluster's KubeConfig, or a 503 saying how to connect one. */
export function requireKubeConfig(): KubeConfig {
  const kubeConfig = getKubeConfig();
  if (!kubeConfig) throw new AppError({ code: "cluster_unavailable", message: "Berth is not connected to a cluster; set KUBECONFIG or run it inside the cluster, then restart it." });
  return kubeConfig;
}
