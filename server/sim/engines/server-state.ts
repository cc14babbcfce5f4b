/**
 * What a simulated database "holds": no engine runs, so its state is the files in its data
 * directory (PGDATA's volume, /var/lib/mysql, /data, /data/db, as Berth's renderer mounts them).
 * A dump carries them as a tar behind the engine's own header (dump-formats.ts); a restore puts
 * them back. The server's settings the tools check — its users, passwords, database — are read
 * from its container's env and args, as the real entrypoints read them.
 */
import type { KubeObject } from "@/server/sim/contract";
import { containerArgv, containerEnv } from "@/server/sim/controllers/container-env";
import type { Engine } from "@/server/sim/controllers/image-binaries";
import { containerFs } from "@/server/sim/fs/pod-mounts";
import { packTar, TarFormatError, unpackTar, type TarEntry } from "@/server/sim/fs/tar-format";
import type { FsNode } from "@/server/sim/fs/volume-fs";
import type { Host } from "@/server/sim/shell/process";
import type { Connection } from "@/server/sim/engines/cluster-dns";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const DATA_DIRS: Record<Engine, string> = {
  postgres: "/var/lib/postgresql/data",
  mysql: "/var/lib/mysql",
  mariadb: "/var/lib/mysql",
  redis: "/data",
  valkey: "/data",
  mongo: "/data/db",
};

/** Files a server writes for itself and a dump leaves out (redis' own snapshot and AOF). */
const OWN_FILES: Partial<Record<Engine, string[]>> = { redis: ["dump.rdb", "appendonlydir"], valkey: ["dump.rdb", "appendonlydir"] };

export interface Server {
  engine: Engine;
  pod: KubeObject;
  env: Record<string, string>;
  args: string[];
  ip: string;
  host: Host;
  container: Obj;
}

export function serverOf(host: Host, c: Extract<Connection, { kind: "connected" }>, engine: Engine): Server {
  const env = containerEnv(host.store, c.pod, c.container);
  return { engine, pod: c.pod, env, args: containerArgv(c.container, env), ip: c.ip, host, container: c.container };
}

/** The server's data directory as a tar (sorted, so the same state dumps to the same bytes). */
export function readState(server: Server): Buffer {
  const fs = containerFs(server.host.store!, server.pod, server.container);
  const root = DATA_DIRS[server.engine];
  const skip = new Set(OWN_FILES[server.engine] ?? []);
  const entries: TarEntry[] = [];
  const walk = (node: FsNode, rel: string) => {
    if (node.kind === "file") return entries.push({ path: rel, kind: "file", data: node.data, mtimeMs: node.mtimeMs });
    if (rel !== ".") entries.push({ path: `${rel}/`, kind: "dir", data: Buffer.alloc(0), mtimeMs: node.mtimeMs });
    for (const [name, child] of [...node.entries].sort((a, b) => a[0].localeCompare(b[0]))) {
      if (rel === "." && skip.has(name)) continue;
      walk(child, `${rel}/${name}`);
    }
  };
  const top = fs.stat(root);
  if (top) walk(top, ".");
  return packTar(entries);
}

/** Replaces the server's data directory with the state in `tar` (its own files kept). */
export function writeState(server: Server, tar: Buffer): void {
  const entries = unpackTar(tar);
  const fs = containerFs(server.host.store!, server.pod, server.container);
  const root = DATA_DIRS[server.engine];
  const skip = new Set(OWN_FILES[server.engine] ?? []);
  const removeTree = (path: string) => {
    const n = fs.stat(path);
    if (n?.kind === "dir") for (const name of [...n.entries.keys()]) removeTree(`${path}/${name}`);
    fs.remove(path);
  };
  if (!fs.stat(root)) return;
  for (const name of fs.readdir(root)) if (!skip.has(name)) removeTree(`${root}/${name}`);
  for (const e of entries) {
    const path = `${root}/${e.path.replace(/^\.\//, "").replace(/\/$/, "")}`;
    if (e.kind === "dir") {
      if (!fs.stat(path)) fs.mkdir(path);
    } else fs.writeFile(path, e.data);
    fs.setMtime(path, e.mtimeMs);
  }
}

/** writeState, false when `tar` is not a state the sim wrote (the dump's body was damaged). */
export function restoreState(server: Server, tar: Buffer): boolean {
  try {
    unpackTar(tar);
  } catch (err) {
    if (err instanceof TarFormatError) return false;
    throw err;
  }
  writeState(server, tar);
  return true;
}
