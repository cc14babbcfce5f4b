/**
 * `redis-cli --rdb FILE` / `valkey-cli --rdb FILE`: asks the server at `-h` for a snapshot as a
 * replica would and writes it, printing redis-cli 7's progress on stderr. The password
 * (`-a`, `--pass`, REDISCLI_AUTH) must match the server's `--requirepass` (its args, where
 * Berth's renderer puts it). Any other redis-cli use is answered by engine-commands.ts.
 */
import { normalisePath } from "@/server/sim/fs/container-fs";
import { connect } from "@/server/sim/engines/cluster-dns";
import { rdb } from "@/server/sim/engines/dump-formats";
import { readState, serverOf } from "@/server/sim/engines/server-state";
import { toolArgs } from "@/server/sim/engines/tool-options";
import { errnoText, type ProgramContext } from "@/server/sim/shell/process";

const VALUED = ["-h", "-p", "-a", "-n", "-u", "--user", "--pass", "--rdb", "-s", "--tls"];

export function redisRdb(ctx: ProgramContext): number | undefined {
  const args = toolArgs(ctx.argv.slice(1), VALUED);
  const file = args.value("--rdb");
  if (file === undefined) return undefined;
  const valkey = ctx.argv[0].startsWith("valkey");
  const host = args.value("-h") ?? "127.0.0.1";
  const port = args.value("-p") ?? "6379";
  const c = connect(ctx.host, host, ["redis", "valkey"]);
  const name = valkey ? "Valkey" : "Redis";
  if (c.kind !== "connected" || port !== "6379") {
    ctx.write(2, `Could not connect to ${name} at ${host}:${port}: ${c.kind === "unknown-host" ? "Name or service not known" : "Connection refused"}\n`);
    return 1;
  }
  const server = serverOf(ctx.host, c, valkey ? "valkey" : "redis");
  const required = server.args[server.args.indexOf("--requirepass") + 1];
  const hasPassword = server.args.includes("--requirepass");
  const given = args.value("-a", "--pass") ?? ctx.env.REDISCLI_AUTH;
  if (given !== undefined && hasPassword && given !== required) ctx.write(2, "AUTH failed: WRONGPASS invalid username-password pair or user is disabled.\n");
  if (hasPassword && given !== required) {
    ctx.write(2, "sending REPLCONF capa eof\nMASTER aborted replication with an error: NOAUTH Authentication required.\n");
    return 1;
  }
  const bytes = rdb(readState(server));
  try {
    ctx.fs.writeFile(normalisePath(file, ctx.cwd), bytes);
  } catch (err) {
    ctx.write(2, `sending REPLCONF capa eof\nError opening '${file}': ${errnoText(err)}\n`);
    return 1;
  }
  ctx.write(2, `sending REPLCONF capa eof\nsending REPLCONF rdb-only 1\nSYNC sent to master, writing ${bytes.length} bytes to '${file}'\nTransfer finished with success.\n`);
  return 0;
}
