/**
 * Test helper: a simulated cluster on port 0 and a KubeConfig pointing at it, as Berth would
 * load it from a kubeconfig file.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { startSim, type Sim } from "@/server/sim/start-sim";

export interface SimCluster {
  sim: Sim;
  kubeConfig: KubeConfig;
  dir: string;
  stop(): Promise<void>;
}

export async function startSimCluster(): Promise<SimCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-engine-"));
  const sim = await startSim({ port: 0 });
  const file = path.join(dir, "kubeconfig.yaml");
  await sim.writeKubeconfig(file);
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(file);
  return {
    sim,
    kubeConfig,
    dir,
    async stop() {
      await sim.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
