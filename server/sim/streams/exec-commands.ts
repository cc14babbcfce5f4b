/**
 * The tiny userland of a simulated container: echo (with $VAR expansion), env, hostname, pwd,
 * cd, ls, cat of a few fake files, `stty size`, true/false, exit, and `sh -c` / `bash -c`
 * scripts separated by `;` or newlines, a command ending in `>&2` writing to stderr, `VAR=value`
 * prefixes and `exec`, plus the image's own programs (engine-commands.ts). Pure: each call
 * returns what the command printed.
 */
import { hasEngineBinary } from "@/server/sim/controllers/image-binaries";
import { runEngineCommand } from "@/server/sim/streams/engine-commands";

export interface ShellContext {
  env: Record<string, string>;
  cwd: string;
  hostname: string;
  shell: "bash" | "sh";
  hasBash: boolean;
  size: { rows: number; cols: number } | undefined;
  /** The container's image, whose own programs (engine-commands.ts) run beside the shell's. */
  image?: string;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
  /** Set when the command was `exit`: the shell ends with this code. */
  exit?: number;
}

const FILES: Record<string, (ctx: ShellContext) => string> = {
  "/etc/hostname": (c) => `${c.hostname}\n`,
  "/etc/os-release": () => 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL="https://www.debian.org/"\n',
  "/etc/resolv.conf": () => "search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.43.0.10\noptions ndots:5\n",
  "/proc/1/cmdline": () => "nginx: master process nginx -g daemon off;",
  "/usr/share/nginx/html/index.html": () => "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n</html>\n",
};
const DIRS: Record<string, string[]> = {
  "/": ["bin", "boot", "dev", "etc", "home", "lib", "media", "mnt", "opt", "proc", "root", "run", "sbin", "srv", "sys", "tmp", "usr", "var"],
  "/etc": ["hostname", "hosts", "os-release", "passwd", "resolv.conf"],
  "/root": [],
  "/tmp": [],
  "/usr": ["bin", "lib", "local", "sbin", "share"],
  "/usr/share/nginx/html": ["50x.html", "index.html"],
};

export const KNOWN_COMMANDS = new Set(["echo", "env", "printenv", "hostname", "pwd", "cd", "ls", "cat", "stty", "true", "false", "exit", "whoami", "id", "sh", "/bin/sh", "bash", "/bin/bash", "sleep"]);

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

function resolvePath(ctx: ShellContext, p: string): string {
  const abs = p.startsWith("/") ? p : `${ctx.cwd.replace(/\/$/, "")}/${p}`;
  const parts: string[] = [];
  for (const seg of abs.split("/")) {
    if (!seg || seg === ".") continue;
    if (seg === "..") parts.pop();
    else parts.push(seg);
  }
  return `/${parts.join("/")}`;
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

export function notFoundMessage(ctx: ShellContext, cmd: string): string {
  return ctx.shell === "bash" ? `bash: ${cmd}: command not found\n` : `sh: 1: ${cmd}: not found\n`;
}

/** Runs one simple command (argv already split). */
export function runArgv(line: string[], shell: ShellContext): RunResult {
  const ok = (stdout = ""): RunResult => ({ stdout, stderr: "", code: 0 });
  const { argv, env, isExec } = effectiveCommand(line, shell.env);
  if (isExec || argv.length !== line.length) {
    const r = runArgv(argv, { ...shell, env });
    return isExec ? { ...r, exit: r.exit ?? r.code } : r;
  }
  const ctx = shell;
  const [cmd, ...args] = argv;
  switch (cmd) {
    case undefined: return ok();
    case "echo": return args[0] === "-n" ? ok(args.slice(1).join(" ")) : ok(`${args.join(" ")}\n`);
    case "env": case "printenv": return ok(Object.entries(ctx.env).map(([k, v]) => `${k}=${v}\n`).join(""));
    case "hostname": return ok(`${ctx.hostname}\n`);
    case "whoami": return ok("root\n");
    case "id": return ok("uid=0(root) gid=0(root) groups=0(root)\n");
    case "pwd": return ok(`${ctx.cwd}\n`);
    case "true": case "sleep": return ok();
    case "false": return { stdout: "", stderr: "", code: 1 };
    case "cd": {
      const target = resolvePath(ctx, args[0] ?? "/root");
      if (!DIRS[target]) return { stdout: "", stderr: `${ctx.shell}: cd: ${args[0]}: No such file or directory\n`, code: 1 };
      ctx.cwd = target;
      return ok();
    }
    case "ls": {
      const target = resolvePath(ctx, args.find((a) => !a.startsWith("-")) ?? ".");
      if (DIRS[target]) return ok(DIRS[target].length ? `${DIRS[target].join("\n")}\n` : "");
      if (FILES[target]) return ok(`${target}\n`);
      return { stdout: "", stderr: `ls: cannot access '${args[0]}': No such file or directory\n`, code: 2 };
    }
    case "cat": {
      let out = "";
      for (const a of args) {
        const f = FILES[resolvePath(ctx, a)];
        if (!f) return { stdout: out, stderr: `cat: ${a}: No such file or directory\n`, code: 1 };
        out += f(ctx);
      }
      return ok(out);
    }
    case "stty":
      if (args[0] === "size") return ctx.size ? ok(`${ctx.size.rows} ${ctx.size.cols}\n`) : { stdout: "", stderr: "stty: 'standard input': Inappropriate ioctl for device\n", code: 1 };
      return ok();
    case "exit": {
      const code = args[0] === undefined ? 0 : Number(args[0]) & 255;
      return { stdout: "", stderr: "", code, exit: code };
    }
    case "sh": case "/bin/sh": case "bash": case "/bin/bash":
      if (cmd.endsWith("bash") && !ctx.hasBash) return { stdout: "", stderr: notFoundMessage(ctx, cmd), code: 127 };
      if (args[0] === "-c") {
        const r = runScript(args[1] ?? "", { ...ctx, shell: cmd.endsWith("bash") ? "bash" : "sh" });
        return { ...r, exit: undefined };
      }
      return ok();
    default:
      if (ctx.image && hasEngineBinary(ctx.image, cmd)) return runEngineCommand(cmd, args, ctx.image);
      return { stdout: "", stderr: notFoundMessage(ctx, cmd), code: 127 };
  }
}

/** Runs a script of `;`/newline-separated commands; stops at `exit`. */
export function runScript(script: string, ctx: ShellContext): RunResult {
  const out: RunResult = { stdout: "", stderr: "", code: 0 };
  for (const line of script.split(/[;\n]/)) {
    const argv = splitWords(line.trim(), { ...ctx.env, "?": String(out.code) });
    if (argv.length === 0) continue;
    const toStderr = argv[argv.length - 1] === ">&2" || argv[argv.length - 1] === "1>&2";
    const r = runArgv(toStderr ? argv.slice(0, -1) : argv, ctx);
    out.stdout += toStderr ? "" : r.stdout;
    out.stderr += toStderr ? r.stdout + r.stderr : r.stderr;
    out.code = r.code;
    if (r.exit !== undefined) return { ...out, exit: r.exit };
  }
  return out;
}
