/**
 * What a database server does with its data directory as it starts, where that decides what a
 * restore brings back. Only Redis / Valkey need it: with `--appendonly yes` (Berth's renderer
 * sets it) the server loads its AOF (`appendonlydir/`, manifest and base file) and ignores a
 * `dump.rdb` (redis/redis#1566: "if you have AOF enabled you'd prefer to load it"); with no AOF
 * yet it starts empty and writes one. Without AOF it loads `dump.rdb`. A base file that is an
 * RDB the sim wrote (placed there by a restore) loads its state, as a real base RDB would.
 */
import type { KubeObject, SimStore } from "@/server/sim/contract";
import { containerArgv, containerEnv } from "@/server/sim/controllers/container-env";
import { engineOf } from "@/server/sim/controllers/image-binaries";
import { containerFs } from "@/server/sim/fs/pod-mounts";
import { fromRdb } from "@/server/sim/engines/dump-formats";
import { restoreState, type Server } from "@/server/sim/engines/server-state";
import { packTar } from "@/server/sim/fs/tar-format";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const AOF_DIR = "/data/appendonlydir";
const MANIFEST = `${AOF_DIR}/appendonly.aof.manifest`;

function readOrUndefined(read: () => Buffer): Buffer | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

export function startEngineServer(store: SimStore, pod: KubeObject, container: Obj): void {
  const engine = engineOf(String(container.image ?? ""));
  if (engine !== "redis" && engine !== "valkey") return;
  const fs = containerFs(store, pod, container);
  if (fs.stat("/data")?.kind !== "dir") return;
  const env = containerEnv(store, pod, container);
  const args = containerArgv(container, env);
  const aof = args[args.indexOf("--appendonly") + 1] === "yes" && args.includes("--appendonly");
  const server: Server = { engine, pod, env, args, ip: "", host: { image: container.image, hostname: pod.metadata.name, store, namespace: pod.metadata.namespace }, container };
  /** Loads an RDB holding state; the sim's own marker base ("REDIS0011" alone) means the live files already are the data. */
  const load = (file: Buffer | undefined) => {
    const state = file && fromRdb(file);
    return Boolean(state?.length) && restoreState(server, state!);
  };
  if (!aof) {
    // The server saves its dataset over dump.rdb as it runs; the marker says the live files are it.
    if (load(readOrUndefined(() => fs.readFile("/data/dump.rdb")))) fs.writeFile("/data/dump.rdb", Buffer.from("REDIS0011"));
    return;
  }
  const manifest = readOrUndefined(() => fs.readFile(MANIFEST))?.toString("utf8");
  if (manifest === undefined) {
    // AOF on and none yet: an empty dataset (dump.rdb ignored), then the first AOF is written.
    restoreState(server, packTar([]));
    if (!fs.stat(AOF_DIR)) fs.mkdir(AOF_DIR);
    fs.writeFile(`${AOF_DIR}/appendonly.aof.1.base.rdb`, Buffer.from("REDIS0011"));
    fs.writeFile(`${AOF_DIR}/appendonly.aof.1.incr.aof`, Buffer.alloc(0));
    fs.writeFile(MANIFEST, Buffer.from("file appendonly.aof.1.base.rdb seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n"));
    return;
  }
  const base = /^file (\S+) seq \d+ type b$/m.exec(manifest)?.[1];
  // Once loaded, the base stands for the live files (as an AOF rewrite would fold them in).
  if (base && load(readOrUndefined(() => fs.readFile(`${AOF_DIR}/${base}`)))) fs.writeFile(`${AOF_DIR}/${base}`, Buffer.from("REDIS0011"));
}
