/**
 * What a program in a simulated container is given and gives back: its argv, environment,
 * working directory, stdin bytes and a writer for its stdout (1) and stderr (2), the container's
 * files, and which userland it belongs to — BusyBox in `busybox` / `alpine` images, GNU
 * coreutils in the Debian-based ones — since the two word their errors differently.
 */
import type { SimStore } from "@/server/sim/contract";
import type { ContainerFs } from "@/server/sim/fs/container-fs";
import { normalisePath } from "@/server/sim/fs/container-fs";
import { FsError } from "@/server/sim/fs/volume-fs";

export type Fd = 1 | 2;
export type Write = (fd: Fd, data: Buffer | string) => void;
export type Userland = "busybox" | "gnu";

/** The world around the container: the cluster its programs may connect to, and its terminal. */
export interface Host {
  image: string;
  hostname: string;
  store?: SimStore;
  namespace?: string;
  size?: { rows: number; cols: number };
  /** Seconds the process's `sleep`s asked for: the sim does not wait, the kubelet ends the container that much later. */
  elapsed?: { seconds: number };
}

export interface ProgramContext {
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  stdin: Buffer;
  write: Write;
  fs: ContainerFs;
  userland: Userland;
  host: Host;
  /** Runs another program (not a shell builtin) with the same streams, as xargs does; its exit code. */
  spawn(argv: string[]): number;
}

export type Program = (ctx: ProgramContext) => number;

export class OutputChunks {
  readonly chunks: Array<{ fd: Fd; data: Buffer }> = [];

  readonly write: Write = (fd, data) => {
    const buf = typeof data === "string" ? Buffer.from(data) : data;
    if (buf.length) this.chunks.push({ fd, data: buf });
  };

  bytes(fd?: Fd): Buffer {
    return Buffer.concat(this.chunks.filter((c) => fd === undefined || c.fd === fd).map((c) => c.data));
  }
}

export function userlandOf(image: string): Userland {
  return /(^|\/)(busybox|alpine)(:|@|$)/.test(image) ? "busybox" : "gnu";
}

export function resolve(ctx: ProgramContext, path: string): string {
  return normalisePath(path, ctx.cwd);
}

/** Writes a program's error in its userland's words and returns `code`. */
export function complain(ctx: ProgramContext, words: { busybox: string; gnu: string }, code = 1): number {
  ctx.write(2, `${ctx.argv[0].split("/").pop()}: ${words[ctx.userland]}\n`);
  return code;
}

/** The text of an errno as the programs print it. */
export function errnoText(err: unknown): string {
  if (err instanceof FsError) return err.message;
  throw err;
}

/**
 * Splits argv into option letters and operands: bundled short flags (`-rf`), `--` ending
 * options, a lone `-` as an operand. `valued` letters take the next word (or the rest of the bundle).
 */
export function parseOptions(args: string[], valued = ""): { flags: Set<string>; values: Record<string, string>; operands: string[]; bad?: string } {
  const flags = new Set<string>();
  const values: Record<string, string> = {};
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") { operands.push(...args.slice(i + 1)); break; }
    if (!a.startsWith("-") || a === "-" || /^-\d/.test(a) && valued.includes("#")) { operands.push(a); continue; }
    for (let j = 1; j < a.length; j++) {
      const letter = a[j];
      if (valued.includes(letter)) {
        const value = a.slice(j + 1) || args[++i];
        if (value === undefined) return { flags, values, operands, bad: letter };
        values[letter] = value;
        break;
      }
      flags.add(letter);
    }
  }
  return { flags, values, operands };
}
