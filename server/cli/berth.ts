/**
 * `npm run berth -- <command>`: maintenance commands run from the server's shell (or
 * `kubectl -n berth exec deploy/berth -- npm run berth -- …`). One entry per command in
 * COMMANDS; each returns the process exit code.
 *
 *   restore-from-cluster   rebuild projects and apps in an empty database from the cluster
 *   rotate-secret-key      re-encrypt every stored secret value under a new key
 */
import { closeDb } from "@/server/db/client";
import { dataDirFromEnv } from "@/server/db/database-file";
import { migrateDatabase } from "@/server/db/migrate";
import { restoreFromCluster } from "@/server/engine/restore-from-cluster";
import { runBackup, runRestore, type CliIo } from "@/server/cli/backup";
import { runRotateSecretKey } from "@/server/cli/rotate-secret-key";
import { findCluster } from "@/server/kube/find-cluster";

interface Command {
  summary: string;
  run(args: string[]): Promise<number>;
}

const io: CliIo = { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) };

const COMMANDS: Record<string, Command> = {
  backup: { summary: "<file>: online copy of the database (Berth may keep running)", run: (args) => runBackup(args, io) },
  restore: { summary: "<file>: replace the database with a backup (stop Berth first)", run: (args) => runRestore(args, io) },
  "rotate-secret-key": { summary: "re-encrypt every stored secret value under a new key (stop Berth first)", run: (args) => runRotateSecretKey(args, io) },
  "restore-from-cluster": {
    summary: "rebuild projects and apps in an empty database from the berth.dev/spec annotations in the cluster",
    async run() {
      const cluster = findCluster();
      if (!cluster.kubeConfig) {
        process.stderr.write("No cluster found: run this inside Berth's pod, or set KUBECONFIG to the cluster's kubeconfig.\n");
        return 1;
      }
      await migrateDatabase(dataDirFromEnv());
      try {
        const report = await restoreFromCluster(cluster.kubeConfig);
        process.stdout.write(`Restored ${report.apps.length} app(s) in ${report.projects.length} project(s) from ${cluster.kubeConfig.getCurrentCluster()?.server}.\n`);
        for (const app of report.apps) process.stdout.write(`  restored ${app}\n`);
        for (const problem of report.skipped) process.stderr.write(`  skipped ${problem}\n`);
        return report.skipped.length > 0 ? 3 : 0;
      } finally {
        await closeDb();
      }
    },
  },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(22)} ${c.summary}`);
  return `Usage: npm run berth -- <command>\n\n${lines.join("\n")}\n`;
}

async function main(argv: string[]): Promise<number> {
  const command = argv[0] ? COMMANDS[argv[0]] : undefined;
  if (!command) {
    process.stderr.write(usage());
    return 2;
  }
  return command.run(argv.slice(1));
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`berth: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
