/**
 * The database images' interactive clients — psql, mysql, mariadb, redis-cli/valkey-cli,
 * mongosh — started by a terminal: each prints its real banner and prompt, answers the engine's
 * own ping (`SELECT 1;`, `PING`, `db.adminCommand("ping")`), and leaves on its quit commands or
 * ^D. No database server runs in the simulated container, so any other statement is answered
 * with a line saying so, never with invented rows.
 */
import type { WebSocket } from "ws";
import { engineOf, engineVersion, hasEngineBinary } from "@/server/sim/controllers/image-binaries";
import { NO_ENGINE, REDIS_CLI_VALUED, positional } from "@/server/sim/streams/engine-commands";
import type { ExecChannels } from "@/server/sim/streams/exec-channels";
import { effectiveCommand, splitWords, type ShellContext } from "@/server/sim/streams/exec-commands";
import { readLines } from "@/server/sim/streams/exec-line-editor";

interface Client {
  banner: string;
  prompt: string;
  quit: RegExp;
  farewell: string;
  ping: RegExp;
  pong: string;
}

const CLIENTS = new Set(["psql", "mysql", "mariadb", "redis-cli", "valkey-cli", "mongosh"]);
/** Flags that make a client run one command and exit instead of reading a session. */
const ONE_SHOT = new Set(["-c", "--command", "-f", "--file", "-e", "--execute", "--eval", "-l", "--list", "--version", "-V"]);

function flag(args: string[], names: string[]): string | undefined {
  const i = args.findIndex((a) => names.includes(a));
  return i >= 0 ? args[i + 1] : undefined;
}

function clientFor(program: string, args: string[], ctx: ShellContext, image: string): Client {
  const version = engineVersion(image);
  const sqlPing = /^\s*select\s+1\s*;\s*$/i;
  switch (program) {
    case "psql": {
      // psql's default database is the user's name; empty words (an unset variable) do not count.
      const db = flag(args, ["-d", "--dbname"]) || ctx.env.PGDATABASE || flag(args, ["-U", "--username"]) || ctx.env.PGUSER || "postgres";
      return { banner: `psql (${version} (Debian ${version}-1.pgdg120+1))\nType "help" for help.\n\n`, prompt: `${db}=# `, quit: /^\s*(\\q|quit|exit)\s*$/, farewell: "", ping: sqlPing, pong: " ?column? \n----------\n        1\n(1 row)\n\n" };
    }
    case "mysql":
    case "mariadb": {
      const isMaria = engineOf(image) === "mariadb";
      const db = positional(args, ["-u", "-h", "-P", "--user", "--host", "--port"]).find(Boolean) ?? "(none)";
      const server = isMaria ? `${version}-MariaDB-ubu2404 mariadb.org binary distribution` : `${version} MySQL Community Server - GPL`;
      const name = isMaria ? "MariaDB" : "MySQL";
      return {
        banner: `Welcome to the ${name} monitor.  Commands end with ; or \\g.\nYour ${name} connection id is 8\nServer version: ${server}\n\nType 'help;' or '\\h' for help. Type '\\c' to clear the current input statement.\n\n`,
        prompt: isMaria ? `MariaDB [${db}]> ` : "mysql> ",
        quit: /^\s*(\\q|quit|exit)\s*;?\s*$/i,
        farewell: "Bye\n",
        ping: sqlPing,
        pong: "+---+\n| 1 |\n+---+\n| 1 |\n+---+\n1 row in set (0.000 sec)\n\n",
      };
    }
    case "mongosh":
      return {
        banner: `Current Mongosh Log ID:\t${"6".repeat(24)}\nConnecting to:\t\tmongodb://127.0.0.1:27017/?directConnection=true&serverSelectionTimeoutMS=2000&appName=mongosh+2.3.2\nUsing MongoDB:\t\t${version}\nUsing Mongosh:\t\t2.3.2\n\n`,
        prompt: "test> ",
        quit: /^\s*(exit|quit|\.exit)(\(\))?\s*;?\s*$/,
        farewell: "",
        ping: /ping/,
        pong: "{ ok: 1 }\n",
      };
    default:
      return { banner: "", prompt: "127.0.0.1:6379> ", quit: /^\s*(quit|exit)\s*$/i, farewell: "", ping: /^\s*ping\s*$/i, pong: "PONG\n" };
  }
}

/**
 * The client `argv` starts, if it is an interactive session of one: directly, or as the last
 * word of `sh -c '… exec psql …'` (how Berth's database terminal starts it).
 */
export function interactiveClientOf(argv: string[], ctx: ShellContext): { program: string; args: string[] } | undefined {
  const image = ctx.image ?? "";
  let words = argv;
  if (["sh", "/bin/sh", "bash", "/bin/bash"].includes(argv[0]) && argv[1] === "-c" && argv.length === 3 && !/[;\n|&]/.test(argv[2])) {
    words = effectiveCommand(splitWords(argv[2], ctx.env), ctx.env).argv;
  }
  const [program, ...args] = words;
  const name = program?.split("/").pop() ?? "";
  if (!CLIENTS.has(name) || !hasEngineBinary(image, program)) return undefined;
  if (args.some((a) => ONE_SHOT.has(a))) return undefined;
  // redis-cli with a command word runs it once (`redis-cli ping`).
  if (name.endsWith("-cli") && positional(args, REDIS_CLI_VALUED).length > 0) return undefined;
  return { program: name, args };
}

export function runEngineClient(ws: WebSocket, channels: ExecChannels, ctx: ShellContext, client: { program: string; args: string[] }): void {
  const c = clientFor(client.program, client.args, ctx, ctx.image ?? "");
  const prompt = () => channels.stdout(c.prompt);
  channels.stdout(c.banner);
  prompt();
  readLines(ws, channels, {
    onLine: (text) => {
      if (c.quit.test(text)) {
        channels.stdout(c.farewell);
        channels.exit(0);
        return;
      }
      if (text.trim() === "") {
        prompt();
        return;
      }
      if (c.ping.test(text)) channels.stdout(c.pong);
      else channels.stderr(NO_ENGINE);
      prompt();
    },
    onInterrupt: prompt,
    onEnd: () => {
      channels.stdout(c.farewell);
      channels.exit(0);
    },
  });
}
