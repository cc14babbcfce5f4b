import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSim, type Sim } from "@/server/sim/start-sim";
import { clusterKubeConfig, describeCluster, isClusterConnected, setCluster } from "@/server/kube/cluster";
import { connectCluster } from "@/server/kube/connect-cluster";
import { loadFiles } from "@/server/kube/find-cluster";
import { loadEnv } from "@/server/env";

let sim: Sim;
let kubeconfigFile: string;

beforeAll(async () => {
  sim = await startSim({ port: 0 });
  kubeconfigFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "berth-kube-")), "config.yaml");
  await sim.writeKubeconfig(kubeconfigFile);
});

afterAll(async () => {
  await sim.stop();
});

describe("clusterKubeConfig", () => {
  it("answers 503 with how to connect a cluster when none is connected, and the connection once one is", () => {
    setCluster({ source: "none", isSimulated: false });
    expect(isClusterConnected()).toBe(false);
    expect(() => clusterKubeConfig()).toThrow(expect.objectContaining({ code: "cluster_unavailable", status: 503, message: expect.stringMatching(/set KUBECONFIG/) }));
    const kubeConfig = loadFiles([kubeconfigFile]);
    setCluster({ source: "kubeconfig", kubeConfig, isSimulated: false });
    expect(isClusterConnected()).toBe(true);
    expect(clusterKubeConfig()).toBe(kubeConfig);
  });
});

describe("describeCluster", () => {
  it("reports the server, context and version of a reachable cluster", async () => {
    const info = await describeCluster({ source: "kubeconfig", kubeConfig: loadFiles([kubeconfigFile]), isSimulated: false });
    expect(info.reachable).toBe(true);
    expect(info.server).toBe(sim.url);
    expect(info.version).toMatch(/^v1\.\d+\.\d+/);
  });

  it("says how to connect a cluster when none is configured", async () => {
    const info = await describeCluster({ source: "none", isSimulated: false });
    expect(info.reachable).toBe(false);
    expect(info.message).toMatch(/KUBECONFIG/);
  });

  it("reports an unreachable API with a sentence naming the server", async () => {
    const other = await startSim({ port: 0 });
    const file = path.join(path.dirname(kubeconfigFile), "other.yaml");
    await other.writeKubeconfig(file);
    await other.stop();
    const info = await describeCluster({ source: "kubeconfig", kubeConfig: loadFiles([file]), isSimulated: false });
    expect(info.reachable).toBe(false);
    expect(info.message).toContain(other.url);
  });
});

describe("connectCluster", () => {
  it("starts the simulated cluster in demo mode and connects through a kubeconfig file", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-demo-"));
    const connected = await connectCluster(loadEnv({ BERTH_DATA_DIR: dataDir, BERTH_CLUSTER: "sim" }));
    try {
      expect(connected.connection.isSimulated).toBe(true);
      expect(fs.existsSync(path.join(dataDir, "sim-kubeconfig.yaml"))).toBe(true);
      const info = await describeCluster(connected.connection);
      expect(info).toMatchObject({ source: "sim", isSimulated: true, reachable: true });
    } finally {
      await connected.stop();
    }
  });
});
