/**
 * pg_dump and pg_restore of the postgres images (16/17), against the simulated server: they
 * connect over TCP to `--host` (cluster-dns.ts) or through the pod's own socket, check the role,
 * password (PGPASSWORD) and database against the server's POSTGRES_* env, and fail in libpq's
 * words. `--format=custom` writes `PGDMP…`; the plain format a commented SQL script.
 */
import { normalisePath } from "@/server/sim/fs/container-fs";
import { connect } from "@/server/sim/engines/cluster-dns";
import { fromPgCustom, pgCustom } from "@/server/sim/engines/dump-formats";
import { readState, restoreState, serverOf, type Server } from "@/server/sim/engines/server-state";
import { toolArgs } from "@/server/sim/engines/tool-options";
import { writeOutput } from "@/server/sim/engines/tool-output";
import { errnoText, type ProgramContext } from "@/server/sim/shell/process";

const VALUED = ["--host", "-h", "--port", "-p", "--username", "-U", "--dbname", "-d", "--file", "-f", "--format", "-F", "--schema", "-n", "--table", "-t", "--jobs", "-j", "--compress", "-Z", "--role", "--superuser", "-S"];
const PLAIN_HEADER = "--\n-- PostgreSQL database dump\n--\n";

/** Connects as libpq does; the server, or the error line already written and undefined. */
function session(ctx: ProgramContext, tool: string, args: ReturnType<typeof toolArgs>): Server | undefined {
  const host = args.value("--host", "-h") ?? ctx.env.PGHOST;
  const port = args.value("--port", "-p") ?? ctx.env.PGPORT ?? "5432";
  const user = args.value("--username", "-U") ?? ctx.env.PGUSER ?? "root";
  const fail = (text: string) => {
    ctx.write(2, `${tool}: error: ${text}\n`);
    return undefined;
  };
  const socket = !host || host.startsWith("/");
  const c = connect(ctx.host, socket ? "localhost" : host, ["postgres"]);
  const where = socket ? `connection to server on socket "${host ?? "/var/run/postgresql"}/.s.PGSQL.${port}" failed` : `connection to server at "${host}" (${c.kind === "unknown-host" ? "" : c.ip}), port ${port} failed`;
  if (c.kind === "unknown-host") return fail(`could not translate host name "${host}" to address: Name or service not known`);
  if (c.kind === "refused" || port !== "5432") {
    return fail(socket ? `${where}: No such file or directory\n\tIs the server running locally and accepting connections on that socket?` : `${where}: Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?`);
  }
  const server = serverOf(ctx.host, c, "postgres");
  const role = server.env.POSTGRES_USER || "postgres";
  const database = args.value("--dbname", "-d") ?? args.operands[0] ?? ctx.env.PGDATABASE ?? user;
  const trusted = socket || server.env.POSTGRES_HOST_AUTH_METHOD === "trust";
  if (!trusted) {
    const password = ctx.env.PGPASSWORD;
    if (!password) return fail(`${where}: fe_sendauth: no password supplied`);
    if (user !== role || password !== server.env.POSTGRES_PASSWORD) return fail(`${where}: FATAL:  password authentication failed for user "${user}"`);
  } else if (user !== role) return fail(`${where}: FATAL:  role "${user}" does not exist`);
  const databases = new Set([server.env.POSTGRES_DB || role, "postgres", "template1"]);
  if (!databases.has(database)) return fail(`${where}: FATAL:  database "${database}" does not exist`);
  return server;
}

export function pgDump(ctx: ProgramContext): number {
  const args = toolArgs(ctx.argv.slice(1), VALUED);
  const format = (args.value("--format", "-F") ?? "p").toLowerCase();
  if (!["p", "plain", "c", "custom"].includes(format)) {
    ctx.write(2, `pg_dump: error: invalid output format "${format}" specified\n`);
    return 1;
  }
  const server = session(ctx, "pg_dump", args);
  if (!server) return 1;
  const state = readState(server);
  const bytes = format.startsWith("c") ? pgCustom(state) : Buffer.from(`${PLAIN_HEADER}-- simulated cluster data: ${state.toString("base64")}\n`);
  const file = args.value("--file", "-f");
  return writeOutput(ctx, file, bytes, (why) => `pg_dump: error: could not open output file "${file}": ${why}\n`) ? 0 : 1;
}

export function pgRestore(ctx: ProgramContext): number {
  const args = toolArgs(ctx.argv.slice(1), VALUED);
  const file = args.operands[0];
  let bytes: Buffer;
  try {
    bytes = file === undefined ? ctx.stdin : ctx.fs.readFile(normalisePath(file, ctx.cwd));
  } catch (err) {
    ctx.write(2, `pg_restore: error: could not open input file "${file}": ${errnoText(err)}\n`);
    return 1;
  }
  const state = fromPgCustom(bytes);
  if (!state) {
    const isText = bytes.subarray(0, 512).toString("utf8").startsWith("--");
    ctx.write(2, isText ? "pg_restore: error: input file appears to be a text format dump. Please use psql.\n" : "pg_restore: error: input file does not appear to be a valid archive\n");
    return 1;
  }
  if (!args.has("--dbname", "-d")) {
    // Without a database pg_restore prints the archive as a SQL script.
    ctx.write(1, PLAIN_HEADER);
    return 0;
  }
  const server = session(ctx, "pg_restore", { ...args, operands: [] });
  if (!server) return 1;
  if (!restoreState(server, state)) {
    ctx.write(2, "pg_restore: error: could not read from input file: end of file\n");
    return 1;
  }
  return 0;
}
