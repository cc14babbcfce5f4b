/**
 * `npm run berth -- <command> [args]`: operating Berth from the server's shell (or
 * `kubectl exec` into the pod). One entry per command; each returns the process exit code.
 */
import { runBackup, runRestore, type CliIo } from "@/server/cli/backup";

type Command = { summary: string; run: (args: string[], io: CliIo) => Promise<number> };

const COMMANDS: Record<string, Command> = {
  backup: { summary: "backup <file>    online copy of the database (Berth may keep running)", run: runBackup },
  restore: { summary: "restore <file>   replace the database with a backup (stop Berth first)", run: runRestore },
};

function usage(): string {
  return ["Usage: npm run berth -- <command>", ...Object.values(COMMANDS).map((c) => `  ${c.summary}`)].join("\n");
}

const io: CliIo = { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) };

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    io.err(name ? `Unknown command "${name}".\n${usage()}` : usage());
    return 2;
  }
  return command.run(args, io);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`berth: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
