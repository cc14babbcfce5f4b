import type https from "node:https";
import type { KubeConfig } from "@kubernetes/client-node";
import { KubeNetworkError } from "@/server/kube/kube-api-error";

/**
 * TLS material and auth headers for one long-lived stream (a followed log, an exec socket).
 * These get their own connection rather than the pooled agent of kube-clients: a stream holds
 * its socket for minutes and must not starve ordinary requests of pool slots.
 */
export async function streamConnectionOptions(kubeConfig: KubeConfig): Promise<{ server: string; options: https.RequestOptions }> {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) throw new KubeNetworkError("The kubeconfig has no current cluster.");
  const options: https.RequestOptions = {};
  await kubeConfig.applyToHTTPSOptions(options);
  return { server: cluster.server.replace(/\/+$/, ""), options };
}
