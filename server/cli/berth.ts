/**
 * `berth <command>`: Berth's maintenance commands. In the image `berth` is on the PATH
 * (`kubectl -n berth exec deploy/berth -- berth token reset`); in a checkout the same code runs
 * as `npm run berth -- <command>`. A command is one entry in COMMANDS, its code in its own file;
 * each returns the process exit code.
 */
import type { CliIo } from "@/server/cli/cli-io";
import { runBackup, runRestore } from "@/server/cli/backup";
import { runImportProject } from "@/server/cli/import-project";
import { runRestoreFromCluster } from "@/server/cli/restore-from-cluster";
import { runRotateSecretKey } from "@/server/cli/rotate-secret-key";
import { runToken } from "@/server/cli/token";
import { commandHere } from "@/server/operator-command";

interface Command {
  summary: string;
  run(args: string[]): Promise<number>;
}

const io: CliIo = { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) };

const COMMANDS: Record<string, Command> = {
  token: { summary: "reset | generate: rotate the admin login token, or print a fresh value for BERTH_ADMIN_TOKEN", run: (args) => runToken(args, io) },
  backup: { summary: "<file>: online copy of the database (Berth may keep running)", run: (args) => runBackup(args, io) },
  restore: { summary: "<file>: replace the database with a backup (stop Berth first)", run: (args) => runRestore(args, io) },
  import: { summary: "<file | -> [--name <project>]: create a project from a file the project page's Export downloaded", run: (args) => runImportProject(args, io) },
  "rotate-secret-key": { summary: "re-encrypt every stored secret value under a new key (stop Berth first)", run: (args) => runRotateSecretKey(args, io) },
  "restore-from-cluster": {
    summary: "rebuild projects and apps in an empty database from the berth.dev/spec annotations in the cluster",
    run: (args) => runRestoreFromCluster(args, io),
  },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(22)} ${c.summary}`);
  return `Usage: ${commandHere("<command>")}\n\n${lines.join("\n")}\n`;
}

async function main(argv: string[]): Promise<number> {
  const command = Object.hasOwn(COMMANDS, argv[0] ?? "") ? COMMANDS[argv[0]] : undefined;
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
