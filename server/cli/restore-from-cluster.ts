/**
 * `berth restore-from-cluster`: rebuilds projects and apps in an empty database from the
 * berth.dev/spec annotations Berth writes on its workloads (server/engine/restore-from-cluster.ts).
 */
import { closeDb } from "@/server/db/client";
import { dataDirFromEnv } from "@/server/db/database-file";
import { migrateDatabase } from "@/server/db/migrate";
import { restoreFromCluster } from "@/server/engine/restore-from-cluster";
import type { CliIo } from "@/server/cli/cli-io";
import { findCluster } from "@/server/kube/find-cluster";
import { commandHere } from "@/server/operator-command";

export async function runRestoreFromCluster(args: string[], io: CliIo): Promise<number> {
  if (args.length > 0) {
    io.err(`Usage: ${commandHere("restore-from-cluster", io.env)}   (takes no arguments)`);
    return 2;
  }
  const cluster = findCluster(io.env);
  if (!cluster.kubeConfig) {
    io.err("No cluster found: run this inside Berth's pod, or set KUBECONFIG to the cluster's kubeconfig.");
    return 1;
  }
  await migrateDatabase(dataDirFromEnv(io.env));
  try {
    const report = await restoreFromCluster(cluster.kubeConfig);
    io.out(`Restored ${report.apps.length} app(s) and ${report.databases.length} database(s) in ${report.projects.length} project(s) from ${cluster.kubeConfig.getCurrentCluster()?.server}.`);
    for (const app of report.apps) io.out(`  restored ${app}`);
    for (const problem of report.skipped) io.err(`  skipped ${problem}`);
    return report.skipped.length > 0 ? 3 : 0;
  } finally {
    await closeDb();
  }
}
