/**
 * Test support for the engine: a fresh migrated database in a temp dir (getDb() points at it),
 * a simulated cluster set as the process's cluster, and the engine started against both with
 * short grace periods.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeDb } from "@/server/db/client";
import { migrateDatabase } from "@/server/db/migrate";
import { startEngine, stopEngine } from "@/server/engine/engine";
import { startSimCluster, type SimCluster } from "@/server/sim/testing/sim-cluster";
import { setCluster } from "@/server/kube/cluster";
import { stopInformers } from "@/server/kube/informers";

export interface EngineFixture {
  cluster: SimCluster;
  dataDir: string;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function openEngineFixture(): Promise<EngineFixture> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-engine-db-"));
  process.env.BERTH_DATA_DIR = dataDir;
  await closeDb();
  await migrateDatabase(dataDir);
  const cluster = await startSimCluster();
  const start = () => {
    setCluster({ source: "sim", origin: cluster.dir, kubeConfig: cluster.kubeConfig, isSimulated: true });
    return startEngine({ stuckGraceMs: 400, rolloutTimeoutMs: 15_000, pollMs: 200 });
  };
  await start();
  return {
    cluster,
    dataDir,
    start,
    async close() {
      await stopEngine();
      await stopInformers();
      await cluster.stop();
      await closeDb();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
