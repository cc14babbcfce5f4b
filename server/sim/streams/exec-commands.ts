/**
 * Running a command in a simulated container the way the kubelet hands it to the runtime: argv
 * with no shell in between (`["cat", "--", "/backups/x"]`), or a shell when argv[0] is one
 * (`sh -c '…'`). The shell and its programs are in ../shell; this module builds one for a
 * container from its context (env, files, image) and collects what the process wrote, bytes
 * kept as bytes.
 */
import type { SimStore } from "@/server/sim/contract";
import { hasEngineBinary } from "@/server/sim/controllers/image-binaries";
import { ContainerFs } from "@/server/sim/fs/container-fs";
import { imageRoot } from "@/server/sim/fs/pod-mounts";
import { OutputChunks, userlandOf, type Fd, type Program } from "@/server/sim/shell/process";
import { PROGRAMS } from "@/server/sim/shell/programs/programs";
import { Shell } from "@/server/sim/shell/shell";
import { engineProgram } from "@/server/sim/streams/engine-commands";

export interface ShellContext {
  env: Record<string, string>;
  cwd: string;
  hostname: string;
  shell: "bash" | "sh";
  hasBash: boolean;
  size: { rows: number; cols: number } | undefined;
  /** The container's image, whose own programs (engine-commands.ts) run beside the shell's. */
  image?: string;
  /** The container's files; a fresh image root when absent. */
  fs?: ContainerFs;
  /** The cluster the container's programs may connect to (its Services, by DNS name). */
  store?: SimStore;
  namespace?: string;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
  /** Set when the command was `exit`: the shell ends with this code. */
  exit?: number;
  /** What the process wrote, in order, as bytes. */
  chunks?: Array<{ fd: Fd; data: Buffer }>;
  /** The seconds its `sleep`s asked for. */
  sleptSeconds?: number;
}

/** Names an exec finds in every image with a shell (the runtime reports the others as missing). */
export const KNOWN_COMMANDS = new Set(["hostname", "pwd", "cd", "exit", "sh", "/bin/sh", "bash", "/bin/bash", ...Object.keys(PROGRAMS)]);

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

/**
 * What a shell line really runs: leading `VAR=value` words set the command's environment and
 * `exec` runs the rest in the shell's place (the database images' probes and clients are written so).
 */
export function effectiveCommand(argv: string[], env: Record<string, string>): { argv: string[]; env: Record<string, string>; isExec: boolean } {
  const own = { ...env };
  let i = 0;
  for (; i < argv.length && ASSIGNMENT.test(argv[i]); i++) {
    const [, name, value] = ASSIGNMENT.exec(argv[i])!;
    own[name] = value;
  }
  const isExec = argv[i] === "exec";
  return { argv: argv.slice(isExec ? i + 1 : i), env: own, isExec };
}

/** Splits a command line into words, honouring quotes and expanding $VAR / ${VAR} outside single quotes. */
export function splitWords(line: string, env: Record<string, string>): string[] {
  const words: string[] = [];
  let cur = "";
  let has = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === "$" && quote === '"') i = expand(line, i, env, (v) => (cur += v));
      else cur += ch;
      continue;
    }
    if (ch === '"' || ch === "'") { quote = ch; has = true; continue; }
    if (ch === " " || ch === "\t") { if (has || cur) words.push(cur); cur = ""; has = false; continue; }
    if (ch === "$") { i = expand(line, i, env, (v) => (cur += v)); has = true; continue; }
    cur += ch;
  }
  if (has || cur) words.push(cur);
  return words;
}

function expand(line: string, i: number, env: Record<string, string>, emit: (v: string) => void): number {
  const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*|\?))/.exec(line.slice(i));
  if (!m) { emit("$"); return i; }
  emit(env[m[1] ?? m[2]] ?? "");
  return i + m[0].length - 1;
}

/** The image's own programs (its database tools) as the shell runs them. */
export function imagePrograms(image: string): (name: string) => Program | undefined {
  return (name) => (hasEngineBinary(image, name) ? engineProgram(name) : undefined);
}

/** A shell for the container `ctx` describes, in its image's userland. */
export function shellFor(ctx: ShellContext): Shell {
  const image = ctx.image ?? "";
  const elapsed = { seconds: 0 };
  return new Shell({
    kind: ctx.shell,
    userland: userlandOf(image),
    fs: ctx.fs ?? new ContainerFs(imageRoot(image, ctx.hostname), []),
    // A getter: a terminal's resize reaches the running shell's `stty size`.
    host: { image, hostname: ctx.hostname, store: ctx.store, namespace: ctx.namespace, elapsed, get size() { return ctx.size; } },
    env: ctx.env,
    cwd: ctx.cwd,
    external: imagePrograms(image),
    hasBash: ctx.hasBash,
  });
}

function result(out: OutputChunks, code: number, shell: Shell): RunResult {
  return { stdout: out.bytes(1).toString("utf8"), stderr: out.bytes(2).toString("utf8"), code, chunks: out.chunks, sleptSeconds: shell.options.host.elapsed?.seconds ?? 0 };
}

/** Runs argv as the runtime starts a process (no shell unless argv[0] is one), with `stdin`. */
export function runArgv(argv: string[], ctx: ShellContext, stdin: Buffer = Buffer.alloc(0)): RunResult {
  const out = new OutputChunks();
  const shell = shellFor(ctx);
  if (argv.length === 0) return result(out, 0, shell);
  const code = shell.spawn(argv, stdin, out.write, {});
  return result(out, code, shell);
}

/** Runs a script in the container's shell. */
export function runScript(script: string, ctx: ShellContext): RunResult {
  const out = new OutputChunks();
  const shell = shellFor(ctx);
  const code = shell.run(script, Buffer.alloc(0), out.write);
  return { ...result(out, code, shell), ...(shell.exited ? { exit: code } : {}) };
}
