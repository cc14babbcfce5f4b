/**
 * One volume's files, in memory: a tree of directories and byte files with modification times,
 * bounded by a byte cap (a real volume fills up at its size; the sim stops far earlier so a test
 * cannot eat the machine's memory). Paths here are segment lists inside the volume; mounts and
 * the container's view of `/` are container-fs.ts.
 */
import { simClock } from "@/server/sim/controllers/sim-clock";

export interface FileNode {
  kind: "file";
  data: Buffer;
  mtimeMs: number;
}

export interface DirNode {
  kind: "dir";
  entries: Map<string, FsNode>;
  mtimeMs: number;
}

export type FsNode = FileNode | DirNode;

/** The errno a file operation fails with; programs word it themselves (shell/applet-errors.ts). */
export type FsErrorCode = "ENOENT" | "ENOTDIR" | "EISDIR" | "EEXIST" | "ENOTEMPTY" | "EROFS" | "ENOSPC" | "EINVAL";

export const ERRNO_TEXT: Record<FsErrorCode, string> = {
  ENOENT: "No such file or directory",
  ENOTDIR: "Not a directory",
  EISDIR: "Is a directory",
  EEXIST: "File exists",
  ENOTEMPTY: "Directory not empty",
  EROFS: "Read-only file system",
  ENOSPC: "No space left on device",
  EINVAL: "Invalid argument",
};

export class FsError extends Error {
  constructor(readonly code: FsErrorCode) {
    super(ERRNO_TEXT[code]);
  }
}

/** 64 MiB per volume: far below any claim's size, far above what a test or the demo writes. */
export const VOLUME_CAP_BYTES = 64 * 1024 * 1024;

export const newDir = (): DirNode => ({ kind: "dir", entries: new Map(), mtimeMs: simClock.now() });

export class VolumeFs {
  readonly root: DirNode = newDir();
  private used = 0;

  constructor(readonly capBytes = VOLUME_CAP_BYTES) {}

  get usedBytes(): number {
    return this.used;
  }

  /** The node at `segments`, or undefined; a file in the middle of the path is ENOTDIR. */
  lookup(segments: string[]): FsNode | undefined {
    let node: FsNode = this.root;
    for (const seg of segments) {
      if (node.kind !== "dir") throw new FsError("ENOTDIR");
      const next = node.entries.get(seg);
      if (!next) return undefined;
      node = next;
    }
    return node;
  }

  /** The directory holding `segments`' last name; ENOENT when it does not exist. */
  parentOf(segments: string[]): DirNode {
    const parent = this.lookup(segments.slice(0, -1));
    if (!parent) throw new FsError("ENOENT");
    if (parent.kind !== "dir") throw new FsError("ENOTDIR");
    return parent;
  }

  writeFile(segments: string[], data: Buffer, append = false): void {
    if (segments.length === 0) throw new FsError("EISDIR");
    const parent = this.parentOf(segments);
    const name = segments[segments.length - 1];
    const existing = parent.entries.get(name);
    if (existing?.kind === "dir") throw new FsError("EISDIR");
    const next = append && existing ? Buffer.concat([existing.data, data]) : Buffer.from(data);
    const grow = next.length - (existing?.data.length ?? 0);
    if (this.used + grow > this.capBytes) throw new FsError("ENOSPC");
    this.used += grow;
    const now = simClock.now();
    parent.entries.set(name, { kind: "file", data: next, mtimeMs: now });
    parent.mtimeMs = now;
  }

  mkdir(segments: string[]): void {
    if (segments.length === 0) throw new FsError("EEXIST");
    const parent = this.parentOf(segments);
    const name = segments[segments.length - 1];
    if (parent.entries.has(name)) throw new FsError("EEXIST");
    parent.entries.set(name, newDir());
    parent.mtimeMs = simClock.now();
  }

  /** Creates every missing directory of `segments` (mkdir -p; the kubelet does this for a subPath). */
  mkdirp(segments: string[]): void {
    for (let i = 1; i <= segments.length; i++) {
      const node = this.lookup(segments.slice(0, i));
      if (!node) this.mkdir(segments.slice(0, i));
      else if (node.kind !== "dir") throw new FsError("ENOTDIR");
    }
  }

  /** Unlinks a file or an empty directory. */
  remove(segments: string[]): void {
    if (segments.length === 0) throw new FsError("EINVAL");
    const parent = this.parentOf(segments);
    const name = segments[segments.length - 1];
    const node = parent.entries.get(name);
    if (!node) throw new FsError("ENOENT");
    if (node.kind === "dir" && node.entries.size > 0) throw new FsError("ENOTEMPTY");
    this.used -= sizeOf(node);
    parent.entries.delete(name);
    parent.mtimeMs = simClock.now();
  }

  /** Moves a node inside this volume (rename(2)); the target is replaced unless it is a non-empty directory. */
  rename(from: string[], to: string[]): void {
    const fromParent = this.parentOf(from);
    const node = fromParent.entries.get(from[from.length - 1]);
    if (!node) throw new FsError("ENOENT");
    if (to.length > from.length - 1 && from.every((s, i) => to[i] === s) && to.length > from.length) throw new FsError("EINVAL");
    const toParent = this.parentOf(to);
    const name = to[to.length - 1];
    const target = toParent.entries.get(name);
    if (target?.kind === "dir" && (node.kind !== "dir" || target.entries.size > 0)) throw new FsError(node.kind === "dir" ? "ENOTEMPTY" : "EISDIR");
    if (target && node.kind === "dir" && target.kind !== "dir") throw new FsError("ENOTDIR");
    if (target) this.used -= sizeOf(target);
    fromParent.entries.delete(from[from.length - 1]);
    toParent.entries.set(name, node);
    const now = simClock.now();
    fromParent.mtimeMs = now;
    toParent.mtimeMs = now;
  }
}

/** Bytes a node holds, its subtree's for a directory. */
export function sizeOf(node: FsNode): number {
  if (node.kind === "file") return node.data.length;
  let n = 0;
  for (const child of node.entries.values()) n += sizeOf(child);
  return n;
}
