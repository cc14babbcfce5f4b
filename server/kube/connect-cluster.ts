import path from "node:path";
import type { Env } from "@/server/env";
import { loadFiles, findCluster } from "@/server/kube/find-cluster";
import { setCluster, type ClusterConnection } from "@/server/kube/cluster";

export interface ConnectedCluster {
  connection: ClusterConnection;
  /** Stops what connecting started (the in-process simulated cluster in demo mode). */
  stop(): Promise<void>;
}

/**
 * Connects the process to its cluster at start. When no cluster is found, or
 * BERTH_CLUSTER=sim, Berth starts the simulated cluster in-process (demo mode) and connects
 * to it through a kubeconfig file like any other cluster — nothing else knows the difference.
 */
export async function connectCluster(env: Env): Promise<ConnectedCluster> {
  const found = findCluster();
  if (env.BERTH_CLUSTER !== "sim" && found.source !== "none") {
    const connection = { ...found, isSimulated: false };
    setCluster(connection);
    return { connection, stop: async () => {} };
  }
  const { startSim } = await import("@/server/sim/start-sim");
  const sim = await startSim({ port: 0 });
  const kubeconfigFile = path.join(env.dataDir, "sim-kubeconfig.yaml");
  await sim.writeKubeconfig(kubeconfigFile);
  const connection: ClusterConnection = {
    source: "sim",
    origin: kubeconfigFile,
    kubeConfig: loadFiles([kubeconfigFile]),
    isSimulated: true,
  };
  setCluster(connection);
  return { connection, stop: () => sim.stop() };
}
