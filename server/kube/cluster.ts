import { VersionApi, type KubeConfig } from "@kubernetes/client-node";
import { AppError } from "@/server/errors";
import { processSingleton } from "@/server/singleton";
import { findCluster, type ClusterSource, type FoundCluster } from "@/server/kube/find-cluster";
import { withTimeout } from "@/server/with-timeout";

export interface ClusterConnection extends FoundCluster {
  isSimulated: boolean;
}

export interface ClusterInfo {
  source: ClusterSource;
  isSimulated: boolean;
  context?: string;
  server?: string;
  version?: string;
  reachable: boolean;
  message: string;
}

const holder = processSingleton("cluster", () => ({ current: undefined as ClusterConnection | undefined }));

/** Sets the process's one cluster connection (done once at start by server/main.ts). */
export function setCluster(connection: ClusterConnection): void {
  holder.current = connection;
}

/** The process's one cluster connection; found lazily (without demo mode) when nothing set it. */
export function getCluster(): ClusterConnection {
  holder.current ??= { ...findCluster(), isSimulated: false };
  return holder.current;
}

/**
 * The one way to reach the cluster: the connected cluster's KubeConfig, or AppError
 * `cluster_unavailable` (503) saying how to connect one. Every route, query, operation and
 * socket asks here, so tests and demo mode switch clusters with `setCluster` alone.
 */
export function clusterKubeConfig(): KubeConfig {
  const kubeConfig = getCluster().kubeConfig;
  if (!kubeConfig) {
    throw new AppError({ code: "cluster_unavailable", message: "Berth is not connected to a cluster; set KUBECONFIG or run it inside the cluster, then restart it." });
  }
  return kubeConfig;
}

/** Whether a cluster is connected, for what degrades instead of failing (the live socket, the engine at start). */
export function isClusterConnected(): boolean {
  return getCluster().kubeConfig !== undefined;
}

const PROBE_TIMEOUT_MS = 3000;

/**
 * Describes the connection for the UI and /readyz: where it came from, the API server's
 * version, and whether it answers within a few seconds.
 */
export async function describeCluster(connection: ClusterConnection = getCluster()): Promise<ClusterInfo> {
  const base = { source: connection.source, isSimulated: connection.isSimulated };
  const kubeConfig = connection.kubeConfig;
  if (!kubeConfig) {
    return {
      ...base,
      reachable: false,
      message:
        "No cluster found. Run Berth inside the cluster, set KUBECONFIG to a kubeconfig file, or put one at ~/.kube/config, then restart Berth.",
    };
  }
  const context = kubeConfig.getCurrentContext();
  const server = kubeConfig.getCurrentCluster()?.server;
  try {
    const version = await withTimeout(kubeConfig.makeApiClient(VersionApi).getCode(), PROBE_TIMEOUT_MS);
    return { ...base, context, server, version: version.gitVersion, reachable: true, message: `Connected to ${server}.` };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ...base,
      context,
      server,
      reachable: false,
      message: `The Kubernetes API at ${server} did not answer (${reason.split("\n")[0]}). Check that the cluster is running and the kubeconfig is current.`,
    };
  }
}

/** Whether Berth runs against its simulated cluster (demo mode); every page says so. */
export function isSimulatedCluster(): boolean {
  return holder.current?.isSimulated ?? false;
}
