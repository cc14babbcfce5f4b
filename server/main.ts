/**
 * Berth's process: one HTTP server for Next's pages and API routes and the WebSocket gateway,
 * after the database is migrated, the admin token exists and the cluster is connected.
 */
import fs from "node:fs";
import path from "node:path";
import next from "next";
import { loadEnv } from "@/server/env";
import { createBerthServer } from "@/server/berth-server";
import { createWsGateway } from "@/server/ws/gateway";
import { liveRoute } from "@/server/ws/live-session";
import { createLogsRoute } from "@/server/ws/logs-route";
import { createExecRoute } from "@/server/ws/exec-session";
import { processStreamLimits } from "@/server/ws/stream-limits";
import { clusterKubeConfig, isClusterConnected } from "@/server/kube/cluster";
import { getInformer, stopInformers } from "@/server/kube/informers";
import { connectCluster } from "@/server/kube/connect-cluster";
import { migrateDatabase } from "@/server/db/migrate";
import { closeDb } from "@/server/db/client";
import { ensureAdminToken } from "@/server/auth/ensure-admin-token";
import { prepareStoredSecrets } from "@/server/secrets/prepare-stored-secrets";
import { authenticateUpgrade } from "@/server/ws/authenticate-upgrade";
import { installProcessMetrics } from "@/server/metrics/berth-metrics";
import { startEngine, stopEngine } from "@/server/engine/engine";

const SHUTDOWN_LIMIT_MS = 10_000;

async function main(): Promise<void> {
  const env = loadEnv();
  const isDev = process.argv.includes("--dev");
  fs.mkdirSync(env.dataDir, { recursive: true });
  process.env.BERTH_DATA_DIR = env.dataDir;

  await migrateDatabase(env.dataDir);
  for (const line of await prepareStoredSecrets()) console.log(line);
  const { line: adminTokenLine } = await ensureAdminToken();
  const cluster = await connectCluster(env);
  // Resumes operations a previous run left queued or running.
  if (isClusterConnected()) await startEngine();

  const projectDir = path.resolve(import.meta.dirname, "..");
  const app = next({ dev: isDev, dir: projectDir, turbopack: isDev });
  await app.prepare();

  // The stream sessions tell the browser "no cluster" themselves instead of failing the upgrade.
  const streamKubeConfig = () => (isClusterConnected() ? clusterKubeConfig() : undefined);
  const gateway = createWsGateway({
    authenticate: authenticateUpgrade,
    routes: {
      "/api/ws/live": liveRoute,
      "/api/ws/logs": createLogsRoute({ kubeConfig: streamKubeConfig, pods: (kc) => getInformer("Pod", kc), limits: processStreamLimits() }),
      "/api/ws/exec": createExecRoute({ kubeConfig: streamKubeConfig, pods: (kc) => getInformer("Pod", kc), limits: processStreamLimits() }),
    },
  });
  installProcessMetrics({ projectDir, websocketsOpen: () => gateway.openCount() });
  const berth = createBerthServer({
    handle: app.getRequestHandler(),
    gateway,
    otherUpgrade: isDev ? app.getUpgradeHandler() : undefined,
    logLine: env.BERTH_LOG_REQUESTS ? undefined : () => {},
  });
  const url = await berth.listen(env.BERTH_PORT, env.BERTH_HOST);
  if (cluster.connection.isSimulated) console.log("Berth is using the simulated cluster (demo mode): nothing is really running.");
  console.log(`Berth listening on ${url}`);
  if (adminTokenLine) console.log(adminTokenLine);

  let isStopping = false;
  const stop = async (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    console.log(`Berth received ${signal}, shutting down`);
    const force = setTimeout(() => process.exit(1), SHUTDOWN_LIMIT_MS - 500);
    force.unref();
    await berth.shutdown();
    // The engine stops before the cluster and database it uses; unfinished operations stay
    // queued in the database and resume at the next start.
    await stopEngine();
    await stopInformers();
    await Promise.allSettled([cluster.stop(), closeDb(), app.close()]);
    clearTimeout(force);
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
