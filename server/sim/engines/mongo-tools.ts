/**
 * mongodump / mongorestore (MongoDB Database Tools 100.x in the mongo images) with
 * `--archive=FILE` and `--gzip`: connect to `--host` (cluster-dns.ts), authenticate against the
 * root user the image creates (MONGO_INITDB_ROOT_*), log as the tools do (timestamped lines on
 * stderr) and fail with their `Failed: …` lines.
 */
import { simClock } from "@/server/sim/controllers/sim-clock";
import { normalisePath } from "@/server/sim/fs/container-fs";
import { connect } from "@/server/sim/engines/cluster-dns";
import { fromMongoArchive, mongoArchive } from "@/server/sim/engines/dump-formats";
import { readState, restoreState, serverOf, type Server } from "@/server/sim/engines/server-state";
import { toolArgs, type ToolArgs } from "@/server/sim/engines/tool-options";
import { writeOutput } from "@/server/sim/engines/tool-output";
import { strftime } from "@/server/sim/shell/programs/date-test";
import { errnoText, type ProgramContext } from "@/server/sim/shell/process";

const VALUED = ["--host", "-h", "--port", "--username", "-u", "--password", "-p", "--authenticationDatabase", "--db", "-d", "--collection", "-c", "--uri", "--nsInclude", "--nsExclude", "--out", "-o"];

const log = (ctx: ProgramContext, text: string) => ctx.write(2, `${strftime("%Y-%m-%dT%H:%M:%S.000+0000", new Date(simClock.now()))}\t${text}\n`);

function session(ctx: ProgramContext, args: ToolArgs): Server | undefined {
  const [host, hostPort] = (args.value("--host", "-h") ?? "localhost").replace(/^[^/]+\//, "").split(":");
  const port = args.value("--port") ?? hostPort ?? "27017";
  const c = connect(ctx.host, host, ["mongo"]);
  const url = `mongodb://${host}:${port}/`;
  const selection = (why: string) => {
    log(ctx, `Failed: can't create session: failed to connect to ${url}: server selection error: server selection timeout, current topology: { Type: Single, Servers: [{ Addr: ${host}:${port}, Type: Unknown, Last error: ${why} }, ] }`);
    return undefined;
  };
  if (c.kind === "unknown-host") return selection(`dial tcp: lookup ${host} on 10.43.0.10:53: no such host`);
  if (c.kind === "refused" || port !== "27017") return selection(`dial tcp ${c.kind === "refused" ? c.ip : host}:${port}: connect: connection refused`);
  const server = serverOf(ctx.host, c, "mongo");
  const rootUser = server.env.MONGO_INITDB_ROOT_USERNAME;
  if (rootUser) {
    const user = args.value("--username", "-u");
    const ok = user === rootUser && args.value("--password", "-p") === server.env.MONGO_INITDB_ROOT_PASSWORD && (args.value("--authenticationDatabase") ?? "admin") === "admin";
    if (!ok) {
      const what = user ? 'connection() error occurred during connection handshake: auth error: sasl conversation error: unable to authenticate using mechanism "SCRAM-SHA-256": (AuthenticationFailed) Authentication failed.' : "(Unauthorized) command listDatabases requires authentication";
      log(ctx, user ? `Failed: can't create session: failed to connect to ${url}: ${what}` : `Failed: error getting database names: ${what}`);
      return undefined;
    }
  }
  return server;
}

function archivePath(ctx: ProgramContext): string | undefined {
  const a = ctx.argv.find((x) => x === "--archive" || x.startsWith("--archive="));
  if (!a) return undefined;
  return a === "--archive" ? "-" : a.slice("--archive=".length);
}

export function mongoDump(ctx: ProgramContext): number {
  const args = toolArgs(ctx.argv.slice(1), VALUED);
  const server = session(ctx, args);
  if (!server) return 1;
  const file = archivePath(ctx);
  const bytes = mongoArchive(readState(server), args.has("--gzip"));
  if (file === undefined) {
    log(ctx, "simulated cluster: mongodump writes an --archive only");
    return 1;
  }
  const stamp = strftime("%Y-%m-%dT%H:%M:%S.000+0000", new Date(simClock.now()));
  if (!writeOutput(ctx, file, bytes, (why) => `${stamp}\tFailed: error opening archive file: open ${file}: ${why.toLowerCase()}\n`)) return 1;
  log(ctx, `writing admin.system.version to archive '${file}'`);
  log(ctx, "done dumping admin.system.version (1 document)");
  return 0;
}

export function mongoRestore(ctx: ProgramContext): number {
  const args = toolArgs(ctx.argv.slice(1), VALUED);
  const file = archivePath(ctx);
  if (file === undefined) {
    log(ctx, "simulated cluster: mongorestore reads an --archive only");
    return 1;
  }
  let bytes: Buffer;
  try {
    bytes = file === "-" ? ctx.stdin : ctx.fs.readFile(normalisePath(file, ctx.cwd));
  } catch (err) {
    log(ctx, `Failed: open ${file}: ${errnoText(err).toLowerCase()}`);
    return 1;
  }
  const server = session(ctx, args);
  if (!server) return 1;
  const state = fromMongoArchive(bytes, args.has("--gzip"));
  if (state === "gzip" || state === "magic" || !restoreState(server, state)) {
    log(ctx, state === "gzip" ? "Failed: gzip: invalid header" : "Failed: stream or file does not appear to be a mongodump archive");
    return 1;
  }
  log(ctx, "preparing collections to restore from");
  log(ctx, "0 document(s) restored successfully. 0 document(s) failed to restore.");
  return 0;
}
