/**
 * One-shot runs of the database images' own programs, answering what a healthy, running server
 * answers to the checks Berth and people use: `pg_isready`, `mysqladmin ping` /
 * `mariadb-admin ping`, MariaDB's `healthcheck.sh`, `redis-cli ping`, `mongosh --eval` of a
 * ping, and `--version`. No database engine runs in the simulated container: any other use says
 * so on stderr and exits 1, rather than inventing query results.
 */
import { engineOf, engineVersion } from "@/server/sim/controllers/image-binaries";
import { ENGINE_TOOLS } from "@/server/sim/engines/engine-tools";
import type { Program } from "@/server/sim/shell/process";
import type { RunResult } from "@/server/sim/streams/exec-commands";

const ok = (stdout = ""): RunResult => ({ stdout, stderr: "", code: 0 });

export const NO_ENGINE = "simulated cluster: no database server runs in this container; only its health checks are answered\n";

/** Words that are neither options nor the value of an option in `valued`. */
export function positional(args: string[], valued: string[]): string[] {
  return args.filter((a, i) => !a.startsWith("-") && !valued.includes(args[i - 1] ?? ""));
}

/** redis-cli's options that take a value. */
export const REDIS_CLI_VALUED = ["-h", "-p", "-a", "-n", "-u", "--user", "--pass"];

function option(args: string[], short: string, long: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === short || args[i] === long) return args[i + 1];
    if (args[i].startsWith(`${long}=`)) return args[i].slice(long.length + 1);
    if (short.length === 2 && args[i].startsWith(short) && args[i].length > 2) return args[i].slice(2);
  }
  return undefined;
}

/** What `program args` prints in a running container of `image` (the program is known to be there). */
export function runEngineCommand(program: string, args: string[], image: string): RunResult {
  const name = program.split("/").pop() ?? program;
  const version = engineVersion(image);
  const engine = engineOf(image);
  if (args.includes("--version") || args.includes("-V")) {
    if (name === "psql" || name === "pg_isready") return ok(`${name} (PostgreSQL) ${version}\n`);
    if (engine === "mysql" && name.startsWith("mysql")) return ok(`${name}  Ver ${version} for Linux on x86_64 (MySQL Community Server - GPL)\n`);
    if (engine === "mariadb" && name.startsWith("mariadb")) return ok(`${name} from ${version}-MariaDB, client 15.2 for debian-linux-gnu (x86_64) using  EditLine wrapper\n`);
    if (name.endsWith("-cli")) return ok(`${name} ${version}\n`);
    if (name === "mongosh") return ok("2.3.2\n");
  }
  switch (name) {
    case "pg_isready": {
      const host = option(args, "-h", "--host") ?? "/var/run/postgresql";
      return ok(`${host}:${option(args, "-p", "--port") ?? "5432"} - accepting connections\n`);
    }
    case "mysqladmin":
    case "mariadb-admin":
      return args.includes("ping") ? ok("mysqld is alive\n") : { stdout: "", stderr: NO_ENGINE, code: 1 };
    case "healthcheck.sh":
      return ok();
    case "redis-cli":
    case "valkey-cli": {
      if (positional(args, REDIS_CLI_VALUED)[0]?.toLowerCase() === "ping") return ok("PONG\n");
      return { stdout: "", stderr: NO_ENGINE, code: 1 };
    }
    case "mongosh": {
      const script = option(args, "--eval", "--eval") ?? "";
      if (/ping/.test(script)) return ok(args.includes("--quiet") ? "{ ok: 1 }\n" : `Current Mongosh Log ID:\t${"6".repeat(24)}\nConnecting to:\t\tmongodb://127.0.0.1:27017/?directConnection=true&serverSelectionTimeoutMS=2000&appName=mongosh+2.3.2\nUsing MongoDB:\t\t${version}\nUsing Mongosh:\t\t2.3.2\n{ ok: 1 }\n`);
      return { stdout: "", stderr: NO_ENGINE, code: 1 };
    }
    default:
      return { stdout: "", stderr: NO_ENGINE, code: 1 };
  }
}

/** The image's program `name` as the shell runs it: its dump and restore tools (engine-tools.ts), else the answers above. */
export function engineProgram(name: string): Program {
  return (ctx) => {
    const tool = ENGINE_TOOLS[name]?.(ctx);
    if (tool !== undefined) return tool;
    const r = runEngineCommand(name, ctx.argv.slice(1), ctx.host.image);
    ctx.write(1, r.stdout);
    ctx.write(2, r.stderr);
    return r.code;
  };
}
