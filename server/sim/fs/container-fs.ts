/**
 * What one container sees as its file system: its own writable root (image files plus what it
 * writes, /dev/termination-log among them) with the pod's volumes mounted over it at their
 * mountPaths, a subPath mount showing one directory of its volume, a readOnly mount refusing
 * writes with EROFS as Linux does. Paths are absolute and already normalised (normalisePath).
 */
import { FsError, sizeOf, type FsNode, type VolumeFs } from "@/server/sim/fs/volume-fs";

export interface Mount {
  /** Segments of the mountPath. */
  at: string[];
  fs: VolumeFs;
  /** The subPath's segments inside the volume. */
  base: string[];
  readOnly: boolean;
}

interface Located {
  fs: VolumeFs;
  segments: string[];
  readOnly: boolean;
  mount?: Mount;
}

export function splitPath(path: string): string[] {
  return path.split("/").filter((s) => s !== "" && s !== ".");
}

/** `path` made absolute from `cwd`, with `.` and `..` resolved as the kernel does for a lexical path. */
export function normalisePath(path: string, cwd = "/"): string {
  const parts: string[] = [];
  for (const seg of (path.startsWith("/") ? path : `${cwd}/${path}`).split("/")) {
    if (!seg || seg === ".") continue;
    if (seg === "..") parts.pop();
    else parts.push(seg);
  }
  return `/${parts.join("/")}`;
}

export class ContainerFs {
  private readonly mounts: Mount[];

  constructor(readonly root: VolumeFs, mounts: Mount[]) {
    // Longest mountPath first, so /backups/x wins over /backups.
    this.mounts = [...mounts].sort((a, b) => b.at.length - a.at.length);
    for (const m of mounts) root.mkdirp(m.at);
  }

  private locate(path: string): Located {
    const segs = splitPath(path);
    for (const m of this.mounts) {
      if (m.at.every((s, i) => segs[i] === s) && segs.length >= m.at.length) {
        return { fs: m.fs, segments: [...m.base, ...segs.slice(m.at.length)], readOnly: m.readOnly, mount: m };
      }
    }
    return { fs: this.root, segments: segs, readOnly: false };
  }

  private writable(path: string): Located {
    const loc = this.locate(path);
    if (loc.readOnly) throw new FsError("EROFS");
    return loc;
  }

  stat(path: string): FsNode | undefined {
    const loc = this.locate(path);
    return loc.fs.lookup(loc.segments);
  }

  /** Whether `path` is where a volume is mounted (it cannot be removed or renamed: EBUSY on Linux). */
  isMountPoint(path: string): boolean {
    const segs = splitPath(path);
    return this.mounts.some((m) => m.at.length === segs.length && m.at.every((s, i) => segs[i] === s));
  }

  readFile(path: string): Buffer {
    const node = this.stat(path);
    if (!node) throw new FsError("ENOENT");
    if (node.kind === "dir") throw new FsError("EISDIR");
    return node.data;
  }

  readdir(path: string): string[] {
    const node = this.stat(path);
    if (!node) throw new FsError("ENOENT");
    if (node.kind !== "dir") throw new FsError("ENOTDIR");
    return [...node.entries.keys()].sort();
  }

  writeFile(path: string, data: Buffer, append = false): void {
    const loc = this.writable(path);
    loc.fs.writeFile(loc.segments, data, append);
  }

  mkdir(path: string): void {
    const loc = this.writable(path);
    loc.fs.mkdir(loc.segments);
  }

  remove(path: string): void {
    if (this.isMountPoint(path)) throw new FsError("EINVAL");
    const loc = this.writable(path);
    loc.fs.remove(loc.segments);
  }

  setMtime(path: string, ms: number): void {
    const loc = this.writable(path);
    const node = loc.fs.lookup(loc.segments);
    if (!node) throw new FsError("ENOENT");
    node.mtimeMs = ms;
  }

  /** rename(2) within one mount; across mounts the node is copied then removed, as mv does after EXDEV. */
  rename(from: string, to: string): void {
    const a = this.writable(from);
    const b = this.writable(to);
    if (a.fs === b.fs) return a.fs.rename(a.segments, b.segments);
    const node = a.fs.lookup(a.segments);
    if (!node) throw new FsError("ENOENT");
    this.copyNode(node, to);
    removeTree(a.fs, a.segments);
  }

  /** Writes a copy of `node` (a whole tree for a directory) at `to`, keeping modification times. */
  copyNode(node: FsNode, to: string): void {
    const loc = this.writable(to);
    if (loc.fs.usedBytes + sizeOf(node) > loc.fs.capBytes) throw new FsError("ENOSPC");
    if (node.kind === "file") {
      loc.fs.writeFile(loc.segments, node.data);
    } else {
      if (!loc.fs.lookup(loc.segments)) loc.fs.mkdir(loc.segments);
      for (const [name, child] of node.entries) this.copyNode(child, `${to.replace(/\/$/, "")}/${name}`);
    }
    const copied = loc.fs.lookup(loc.segments);
    if (copied) copied.mtimeMs = node.mtimeMs;
  }
}

/** Removes a file or a whole directory tree inside one volume (rm -r). */
export function removeTree(fs: VolumeFs, segments: string[]): void {
  const node = fs.lookup(segments);
  if (node?.kind === "dir") for (const name of [...node.entries.keys()]) removeTree(fs, [...segments, name]);
  fs.remove(segments);
}
