/**
 * mysqldump / mariadb-dump and the mysql / mariadb client's `source FILE` (or a script on
 * stdin), against the simulated server: TCP to `--host` (cluster-dns.ts), the account and
 * password (`--password=`, `-p…`, MYSQL_PWD) checked against the server's MYSQL_* / MARIADB_*
 * env (root and the created user), the database against the one it creates, errors in each
 * client's words (MySQL 8.4's and MariaDB 11's differ).
 */
import { engineVersion } from "@/server/sim/controllers/image-binaries";
import { normalisePath } from "@/server/sim/fs/container-fs";
import { connect } from "@/server/sim/engines/cluster-dns";
import { fromSqlDump, sqlDump } from "@/server/sim/engines/dump-formats";
import { readState, restoreState, serverOf, type Server } from "@/server/sim/engines/server-state";
import { toolArgs, type ToolArgs } from "@/server/sim/engines/tool-options";
import { R } from "@/server/sim/controllers/resources";
import { writeOutput } from "@/server/sim/engines/tool-output";
import type { ProgramContext } from "@/server/sim/shell/process";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const VALUED = ["--host", "-h", "--port", "-P", "--user", "-u", "--result-file", "-r", "--execute", "-e", "--socket", "-S", "--default-character-set", "--databases", "-B", "--tables", "--where", "-w", "--protocol"];

type Failure = { code: number; state: string; text: string };

function sessionOf(ctx: ProgramContext, args: ToolArgs, database: string | undefined, mariadb: boolean): Server | Failure {
  const host = args.value("--host", "-h") ?? "localhost";
  const port = args.value("--port", "-P") ?? "3306";
  const user = args.value("--user", "-u") ?? ctx.env.USER ?? "root";
  const pArg = ctx.argv.slice(1).find((a) => a.startsWith("--password=") || (a.startsWith("-p") && a.length > 2));
  const password = pArg ? pArg.replace(/^--password=|^-p/, "") : ctx.env.MYSQL_PWD;
  const c = connect(ctx.host, host, ["mysql", "mariadb"]);
  if (c.kind === "unknown-host") return mariadb ? { code: 2005, state: "HY000", text: `Unknown server host '${host}' (-2)` } : { code: 2005, state: "HY000", text: `Unknown MySQL server host '${host}' (-2)` };
  if (c.kind === "refused" || port !== "3306") return mariadb ? { code: 2002, state: "HY000", text: `Can't connect to server on '${host}' (115)` } : { code: 2003, state: "HY000", text: `Can't connect to MySQL server on '${host}:${port}' (111)` };
  const server = serverOf(ctx.host, c, c.container.image.includes("mariadb") ? "mariadb" : "mysql");
  const env = (name: string) => server.env[`MARIADB_${name}`] ?? server.env[`MYSQL_${name}`];
  const accounts = new Map<string, string>([["root", env("ROOT_PASSWORD") ?? ""]]);
  if (env("USER")) accounts.set(env("USER")!, env("PASSWORD") ?? "");
  const clientIp = (ctx.host.store?.get(R.pods, ctx.host.namespace, ctx.host.hostname)?.status as Obj | undefined)?.podIP ?? "10.42.0.1";
  if (accounts.get(user) === undefined || accounts.get(user) !== (password ?? "")) {
    return { code: 1045, state: "28000", text: `Access denied for user '${user}'@'${clientIp}' (using password: ${password ? "YES" : "NO"})` };
  }
  if (database !== undefined && database !== env("DATABASE") && !["mysql", "information_schema", "performance_schema", "sys"].includes(database)) {
    return { code: 1049, state: "42000", text: `Unknown database '${database}'` };
  }
  return server;
}

/** mysqldump / mariadb-dump. */
export function mysqlDump(ctx: ProgramContext): number {
  const tool = ctx.argv[0];
  const mariadb = tool.startsWith("mariadb");
  const args = toolArgs(ctx.argv.slice(1), VALUED);
  const database = args.operands[0];
  if (database === undefined && !args.has("--all-databases", "-A")) {
    ctx.write(1, `Usage: ${tool} [OPTIONS] database [tables]\nOR     ${tool} [OPTIONS] --databases DB1 [DB2 DB3...]\nOR     ${tool} [OPTIONS] --all-databases\nFor more options, use ${tool} --help\n`);
    return 1;
  }
  const s = sessionOf(ctx, args, database, mariadb);
  if ("code" in s) {
    const when = s.code === 1049 ? "when selecting the database" : "when trying to connect";
    ctx.write(2, `${tool}: Got error: ${s.code}: ${mariadb ? `"${s.text}"` : s.text} ${when}\n`);
    return 2;
  }
  const bytes = sqlDump(readState(s), { mariadb, version: engineVersion(String(s.container.image)), host: args.value("--host", "-h") ?? "localhost", database: database ?? "" });
  const file = args.value("--result-file", "-r");
  return writeOutput(ctx, file, bytes, (why) => `${tool}: Got error: 1: "Can't create/write to file '${file}' (OS errno 2 - ${why})" when trying to open the result file\n`) ? 0 : 2;
}

/**
 * mysql / mariadb with `--execute="source FILE"` or a script on stdin: loads a dump's state.
 * undefined for any other use, which the image's client answers (engine-commands.ts).
 */
export function mysqlClient(ctx: ProgramContext): number | undefined {
  const mariadb = ctx.argv[0].startsWith("mariadb");
  const args = toolArgs(ctx.argv.slice(1), VALUED);
  const execute = args.value("--execute", "-e");
  const source = execute === undefined ? undefined : /^\s*(?:source|\\\.)\s+(.+?)\s*;?\s*$/i.exec(execute)?.[1];
  if (execute !== undefined ? source === undefined : ctx.stdin.length === 0) return undefined;
  const s = sessionOf(ctx, args, args.operands[0], mariadb);
  if ("code" in s) {
    ctx.write(2, `ERROR ${s.code} (${s.state}): ${s.text}\n`);
    return 1;
  }
  let bytes: Buffer;
  try {
    bytes = source === undefined ? ctx.stdin : ctx.fs.readFile(normalisePath(source, ctx.cwd));
  } catch {
    ctx.write(2, `Failed to open file '${source}', error: 2\n`);
    return 1;
  }
  const dump = fromSqlDump(bytes);
  const where = source === undefined ? "at line 1" : `at line 1 in file: '${source}'`;
  if ("firstLine" in dump || !restoreState(s, dump.state)) {
    const near = "firstLine" in dump ? dump.firstLine : "";
    ctx.write(2, `ERROR 1064 (42000) ${where}: You have an error in your SQL syntax; check the manual that corresponds to your ${mariadb ? "MariaDB" : "MySQL"} server version for the right syntax to use near '${near}' at line 1\n`);
    return 1;
  }
  return 0;
}
