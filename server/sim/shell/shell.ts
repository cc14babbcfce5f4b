/**
 * The shell of a simulated container — BusyBox ash in busybox/alpine images, Debian's dash as
 * `sh` and bash elsewhere — running a parsed script (parse.ts) against the container's files:
 * variables and `export`, `VAR=value` prefixes, `set -e` / `-u` (and `set --`), `cd`, `exit`,
 * `exec`, `&&` / `||`, pipes (the status is the last command's, `!` inverts it), redirections,
 * command substitution in a subshell, and `sh -c` / `bash -c` / `sh FILE` nested. Programs
 * come from programs.ts and the image's own tools; anything else is `not found`, 127.
 */
import { FsError } from "@/server/sim/fs/volume-fs";
import type { ContainerFs } from "@/server/sim/fs/container-fs";
import { normalisePath } from "@/server/sim/fs/container-fs";
import { expandWord, type Expander } from "@/server/sim/shell/expand";
import { parseScript, ShellSyntaxError, type Command, type Redirect, type Script, type SimpleCommand, type Word } from "@/server/sim/shell/parse";
import { OutputChunks, type Fd, type Host, type Program, type Userland, type Write } from "@/server/sim/shell/process";
import { PROGRAMS, programName } from "@/server/sim/shell/programs/programs";

export type ShellKind = "sh" | "bash";

export interface ShellOptions {
  kind: ShellKind;
  userland: Userland;
  fs: ContainerFs;
  host: Host;
  env: Record<string, string>;
  cwd?: string;
  /** The image's own programs (its database tools), looked up after the shell's. */
  external?: (name: string) => Program | undefined;
  /** Whether the image has bash at all. */
  hasBash: boolean;
}

class ExitSignal {
  constructor(readonly code: number) {}
}

/** `break N` / `continue N` leaving N enclosing loops. */
class LoopSignal {
  constructor(readonly kind: "break" | "continue", public levels: number) {}
}

/** A loop the sim cut short: a `while true` server loop would never end, so it stands for "keeps running". */
const MAX_LOOP_ROUNDS = 1000;

export const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=/;
const SHELLS = new Set(["sh", "bash", "ash", "dash"]);
const BUILTINS = new Set(["cd", "exit", "set", "export", "unset", "exec", ":", "shift", "readonly", "return", "break", "continue"]);

/** Every name a script may run in this image: what `which` would find, and the shell's builtins. */
export function knownProgram(name: string, options: Pick<ShellOptions, "external" | "hasBash">): boolean {
  const n = programName(name);
  if (n === undefined) return false;
  if (n === "bash") return options.hasBash;
  return BUILTINS.has(n) || SHELLS.has(n) || n in PROGRAMS || Boolean(options.external?.(n));
}

export class Shell {
  vars: Record<string, string>;
  private exported: Set<string>;
  cwd: string;
  lastCode = 0;
  /** Set once `exit` (or set -e) has ended the shell. */
  exited = false;
  private errexit = false;
  /** Inside an if/while condition or a && / || left side, where set -e does not apply. */
  private conditionDepth = 0;
  private nounset = false;
  private positional: string[] = [];
  /** $0: the shell's name, or the word after `sh -c SCRIPT`. */
  private name: string;
  private substStatus: number | undefined;

  constructor(readonly options: ShellOptions) {
    this.vars = { ...options.env };
    this.exported = new Set(Object.keys(options.env));
    this.cwd = options.cwd ?? "/";
    this.name = options.kind;
  }

  get fs(): ContainerFs {
    return this.options.fs;
  }

  /** How the shell starts its error lines: `sh: ` (ash), `sh: 1: ` (dash), `bash: `. */
  private get prefix(): string {
    if (this.options.kind === "bash") return "bash: ";
    return this.options.userland === "busybox" ? "sh: " : "sh: 1: ";
  }

  private subshell(): Shell {
    const s = new Shell({ ...this.options, env: {}, cwd: this.cwd });
    s.vars = { ...this.vars };
    s.exported = new Set(this.exported);
    s.errexit = this.errexit;
    s.nounset = this.nounset;
    s.positional = [...this.positional];
    s.name = this.name;
    s.lastCode = this.lastCode;
    return s;
  }

  /** The exported variables, as a program's environment. */
  environment(extra: Record<string, string> = {}): Record<string, string> {
    const env: Record<string, string> = {};
    for (const k of this.exported) if (k in this.vars) env[k] = this.vars[k];
    return { ...env, ...extra };
  }

  /** Runs a whole script; `exit`, `set -e` and a `set -u` error end it. The exit status. */
  run(src: string, stdin: Buffer, write: Write): number {
    let script: Script;
    try {
      script = parseScript(src);
    } catch (err) {
      if (!(err instanceof ShellSyntaxError)) throw err;
      write(2, `${this.prefix}${this.options.userland === "busybox" ? err.message.replace(/^Syntax error: /, "syntax error: ").replace(/syntax error: (\w)/, (_m, c: string) => `syntax error: ${c.toLowerCase()}`) : err.message}\n`);
      return (this.lastCode = 2);
    }
    try {
      this.runScript(script, stdin, write);
      return this.lastCode;
    } catch (err) {
      if (!(err instanceof ExitSignal)) throw err;
      this.exited = true;
      return (this.lastCode = err.code);
    }
  }

  private runScript(script: Script, stdin: Buffer, write: Write): void {
    for (const andOr of script) {
      let code = 0;
      let lastRun = 0;
      for (let i = 0; i < andOr.pipelines.length; i++) {
        if (i > 0 && (andOr.ops[i - 1] === "&&" ? code !== 0 : code === 0)) continue;
        const p = andOr.pipelines[i];
        const isCondition = i < andOr.pipelines.length - 1 || p.negate;
        if (isCondition) this.conditionDepth++;
        try {
          code = this.runPipeline(p.commands, stdin, write);
        } finally {
          if (isCondition) this.conditionDepth--;
        }
        if (p.negate) code = code === 0 ? 1 : 0;
        this.lastCode = code;
        lastRun = i;
      }
      const p = andOr.pipelines[lastRun];
      if (this.errexit && this.conditionDepth === 0 && code !== 0 && lastRun === andOr.pipelines.length - 1 && !p.negate) throw new ExitSignal(code);
    }
  }

  private runPipeline(commands: Command[], stdin: Buffer, write: Write): number {
    let input = stdin;
    let code = 0;
    commands.forEach((cmd, i) => {
      const isLast = i === commands.length - 1;
      const captured = new OutputChunks();
      const out: Write = isLast ? write : (fd, data) => (fd === 1 ? captured.write(1, data) : write(fd, data));
      // Every command of a pipeline but the last runs in a subshell: its cd or exit stays there.
      const shell = commands.length > 1 ? this.subshell() : this;
      try {
        code = shell.runCommand(cmd, input, out);
      } catch (err) {
        if (!(err instanceof ExitSignal) || commands.length === 1) throw err;
        code = err.code;
      }
      input = captured.bytes(1);
    });
    return code;
  }

  private runCommand(cmd: Command, stdin: Buffer, write: Write): number {
    if (cmd.t === "simple") return this.runSimple(cmd, stdin, write);
    const redirected = this.openRedirects(cmd.redirects, stdin, write);
    if (typeof redirected === "number") return redirected;
    const [input, out] = redirected;
    const inCondition = (script: Script) => {
      this.conditionDepth++;
      try {
        this.runScript(script, input, out);
        return this.lastCode;
      } finally {
        this.conditionDepth--;
      }
    };
    const body = (script: Script) => {
      this.lastCode = 0;
      this.runScript(script, input, out);
      return this.lastCode;
    };
    switch (cmd.t) {
      case "if": {
        for (const clause of cmd.clauses) if (inCondition(clause.cond) === 0) return body(clause.body);
        return cmd.otherwise ? body(cmd.otherwise) : 0;
      }
      case "for": {
        const items = cmd.words ? this.expand(cmd.words) : [...this.positional];
        let code = 0;
        for (const item of items) {
          this.vars[cmd.name] = item;
          const signal = this.loopRound(() => (code = body(cmd.body)));
          if (signal === "break") break;
        }
        return code;
      }
      case "while": {
        let code = 0;
        for (let round = 0; ; round++) {
          if (round === MAX_LOOP_ROUNDS) {
            // A loop that does not end by itself is a long-running process: the container keeps running.
            if (this.options.host.elapsed) this.options.host.elapsed.seconds = Infinity;
            return code;
          }
          if ((inCondition(cmd.cond) === 0) === cmd.until) return code;
          if (this.loopRound(() => (code = body(cmd.body))) === "break") return code;
        }
      }
      case "group": {
        if (!cmd.subshell) return body(cmd.body);
        const sub = this.subshell();
        try {
          sub.runScript(cmd.body, input, out);
          return sub.lastCode;
        } catch (err) {
          if (err instanceof ExitSignal) return err.code;
          throw err;
        }
      }
    }
  }

  /** Runs one round of a loop's body; "break" when the loop must end, passing outer levels on. */
  private loopRound(run: () => void): "break" | undefined {
    try {
      run();
      return undefined;
    } catch (err) {
      if (!(err instanceof LoopSignal)) throw err;
      if (err.levels > 1) {
        err.levels--;
        throw err;
      }
      return err.kind === "break" ? "break" : undefined;
    }
  }

  private expander(): Expander {
    return {
      param: (name) => this.param(name),
      assign: (name, value) => { this.vars[name] = value; },
      substitute: (src) => {
        const sub = this.subshell();
        const out = new OutputChunks();
        sub.run(src, Buffer.alloc(0), out.write);
        this.substStatus = sub.lastCode;
        for (const c of out.chunks) if (c.fd === 2) this.pendingStderr.push(c.data);
        return out.bytes(1).toString("utf8");
      },
      unset: (name) => {
        this.pendingStderr.push(Buffer.from(`${this.prefix}${name}: ${this.options.kind === "bash" ? "unbound variable" : "parameter not set"}\n`));
        throw new UnsetParameter();
      },
      fs: this.fs,
      cwd: this.cwd,
    };
  }

  private pendingStderr: Buffer[] = [];

  private param(name: string): string | undefined {
    switch (name) {
      case "?": return String(this.lastCode);
      case "$": return "1";
      case "#": return String(this.positional.length);
      case "@": case "*": return this.positional.join(" ");
      case "0": return this.name;
      case "-": return `${this.errexit ? "e" : ""}${this.nounset ? "u" : ""}`;
    }
    if (/^\d+$/.test(name)) return this.positional[Number(name) - 1] ?? (this.nounset ? undefined : "");
    const v = this.vars[name];
    if (v === undefined && !this.nounset) return "";
    return v;
  }

  private expand(words: Word[]): string[] {
    const ex = this.expander();
    return words.flatMap((w) => expandWord(w, ex));
  }

  private runSimple(cmd: SimpleCommand, stdin: Buffer, write: Write): number {
    this.substStatus = undefined;
    const flushErr = () => {
      for (const b of this.pendingStderr) write(2, b);
      this.pendingStderr = [];
    };
    const assignments: Array<[string, string]> = [];
    let argv: string[];
    try {
      let i = 0;
      for (; i < cmd.words.length; i++) {
        const first = cmd.words[i][0];
        if (first?.t !== "lit" || first.quoted) break;
        const m = ASSIGNMENT.exec(first.s);
        if (!m) break;
        const valueWord: Word = [{ ...first, s: first.s.slice(m[0].length) }, ...cmd.words[i].slice(1)];
        assignments.push([m[1], expandWord(valueWord, this.expander(), { split: false, glob: false }).join("")]);
      }
      argv = this.expand(cmd.words.slice(i));
    } catch (err) {
      flushErr();
      if (err instanceof UnsetParameter) throw new ExitSignal(2);
      throw err;
    }
    flushErr();

    const redirected = this.openRedirects(cmd.redirects, stdin, write);
    if (typeof redirected === "number") return redirected;
    const [input, out] = redirected;

    if (argv.length === 0) {
      for (const [k, v] of assignments) this.vars[k] = v;
      return this.substStatus ?? 0;
    }
    const name = programName(argv[0]) ?? argv[0];
    if (BUILTINS.has(name)) {
      for (const [k, v] of assignments) this.vars[k] = v;
      return this.builtin(name, argv, input, out);
    }
    return this.spawn(argv, input, out, Object.fromEntries(assignments));
  }

  /** Opens the command's redirections in order: the stdin it reads and the writer it writes through, or an exit code. */
  private openRedirects(redirects: Redirect[], stdin: Buffer, write: Write): [Buffer, Write] | number {
    type Target = { kind: "parent"; fd: Fd } | { kind: "file"; path: string } | { kind: "null" };
    const table: Record<number, Target> = { 1: { kind: "parent", fd: 1 }, 2: { kind: "parent", fd: 2 } };
    let input = stdin;
    for (const r of redirects) {
      const target = expandWord(r.target, this.expander(), { split: false, glob: false }).join("");
      if (r.op === ">&" || r.op === "<&") {
        if (target === "-") { table[r.fd] = { kind: "null" }; continue; }
        const from = table[Number(target)];
        if (!from) {
          write(2, `${this.prefix}${target}: bad file descriptor\n`);
          return 1;
        }
        table[r.fd] = from;
        continue;
      }
      const path = normalisePath(target, this.cwd);
      if (r.op === "<") {
        if (path === "/dev/null") { input = Buffer.alloc(0); continue; }
        try {
          input = this.fs.readFile(path);
        } catch (err) {
          const why = err instanceof FsError ? err.message : String(err);
          write(2, this.options.userland === "busybox" ? `${this.prefix}can't open '${target}': ${why}\n` : this.options.kind === "bash" ? `bash: ${target}: ${why}\n` : `${this.prefix}cannot open ${target}: ${why === "No such file or directory" ? "No such file" : why}\n`);
          return 1;
        }
        continue;
      }
      if (path === "/dev/null") { table[r.fd] = { kind: "null" }; continue; }
      if (path === "/dev/stdout" || path === "/dev/stderr") { table[r.fd] = { kind: "parent", fd: path === "/dev/stdout" ? 1 : 2 }; continue; }
      try {
        if (r.op === ">" || !this.fs.stat(path)) this.fs.writeFile(path, Buffer.alloc(0));
        else this.fs.writeFile(path, Buffer.alloc(0), true);
      } catch (err) {
        const code = err instanceof FsError ? err.code : "EINVAL";
        const why = err instanceof FsError ? err.message : String(err);
        const busybox = code === "ENOENT" || code === "ENOTDIR" ? "nonexistent directory" : why;
        const dash = code === "ENOENT" || code === "ENOTDIR" ? "Directory nonexistent" : why;
        write(2, this.options.kind === "bash" ? `bash: ${target}: ${why}\n` : this.options.userland === "busybox" ? `${this.prefix}can't create ${target}: ${busybox}\n` : `${this.prefix}cannot create ${target}: ${dash}\n`);
        return 1;
      }
      table[r.fd] = { kind: "file", path };
    }
    const out: Write = (fd, data) => {
      const t = table[fd];
      if (!t || t.kind === "null") return;
      if (t.kind === "parent") return write(t.fd, data);
      try {
        this.fs.writeFile(t.path, typeof data === "string" ? Buffer.from(data) : data, true);
      } catch (err) {
        write(2, `${this.prefix}write error: ${err instanceof FsError ? err.message : String(err)}\n`);
      }
    };
    return [input, out];
  }

  private builtin(name: string, argv: string[], stdin: Buffer, write: Write): number {
    const args = argv.slice(1);
    switch (name) {
      case ":": return 0;
      case "exit": throw new ExitSignal(args[0] === undefined ? this.lastCode : Number(args[0]) & 255);
      case "return": throw new ExitSignal(args[0] === undefined ? this.lastCode : Number(args[0]) & 255);
      case "cd": {
        const target = args[0] === "-" ? this.vars.OLDPWD ?? "/" : args[0] ?? this.vars.HOME ?? "/";
        const path = normalisePath(target, this.cwd);
        const node = (() => {
          try {
            return this.fs.stat(path);
          } catch {
            return undefined;
          }
        })();
        if (node?.kind !== "dir") {
          const why = node ? "Not a directory" : "No such file or directory";
          write(2, this.options.kind === "bash" ? `bash: cd: ${target}: ${why}\n` : this.options.userland === "busybox" ? `sh: cd: can't cd to ${target}: ${why}\n` : `sh: 1: cd: can't cd to ${target}\n`);
          return this.options.kind === "bash" || this.options.userland === "busybox" ? 1 : 2;
        }
        this.vars.OLDPWD = this.cwd;
        this.cwd = path;
        this.vars.PWD = path;
        return 0;
      }
      case "set": {
        for (let i = 0; i < args.length; i++) {
          const a = args[i];
          if (a === "--") { this.positional = args.slice(i + 1); break; }
          if (a === "-o" || a === "+o") {
            const on = a === "-o";
            const opt = args[++i];
            if (opt === "errexit") this.errexit = on;
            if (opt === "nounset") this.nounset = on;
            continue;
          }
          if (/^[-+][a-zA-Z]+$/.test(a)) {
            const on = a[0] === "-";
            for (const f of a.slice(1)) {
              if (f === "e") this.errexit = on;
              else if (f === "u") this.nounset = on;
            }
            continue;
          }
          this.positional = args.slice(i);
          break;
        }
        if (args.length === 0) write(1, Object.entries(this.vars).map(([k, v]) => `${k}='${v.replace(/'/g, "'\\''")}'\n`).join(""));
        return 0;
      }
      case "export":
      case "readonly":
        for (const a of args) {
          const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:=(.*))?$/s.exec(a);
          if (!m) continue;
          if (m[2] !== undefined) this.vars[m[1]] = m[2];
          if (name === "export") this.exported.add(m[1]);
        }
        return 0;
      case "unset":
        for (const a of args) {
          delete this.vars[a];
          this.exported.delete(a);
        }
        return 0;
      case "break":
      case "continue":
        throw new LoopSignal(name, Math.max(1, Number(args[0] ?? 1) || 1));
      case "shift":
        this.positional = this.positional.slice(Number(args[0] ?? 1));
        return 0;
      case "exec":
        if (args.length === 0) return 0;
        throw new ExitSignal(this.spawn(args, stdin, write, {}));
      default:
        return 0;
    }
  }

  private notFound(name: string, write: Write): number {
    write(2, this.options.kind === "bash" ? `bash: ${name}: command not found\n` : `${this.prefix}${name}: not found\n`);
    return 127;
  }

  /** Runs a program (not a builtin) with `extra` variables in its environment; its exit status. */
  spawn(argv: string[], stdin: Buffer, write: Write, extra: Record<string, string>): number {
    const name = programName(argv[0]);
    if (name === undefined) {
      // A path: a file in the container is not executable here; nothing else exists.
      return this.notFound(argv[0], write);
    }
    if (SHELLS.has(name) && (name !== "bash" || this.options.hasBash)) return this.nestedShell(name === "bash" ? "bash" : "sh", argv.slice(1), stdin, write, extra);
    const program = PROGRAMS[name] ?? this.options.external?.(name);
    if (!program || (name === "bash" && !this.options.hasBash)) return this.notFound(argv[0], write);
    const env = this.environment(extra);
    return program({
      argv: [name, ...argv.slice(1)],
      env,
      cwd: this.cwd,
      stdin,
      write,
      fs: this.fs,
      userland: this.options.userland,
      host: this.options.host,
      spawn: (next) => this.spawn(next, stdin, write, extra),
    });
  }

  private nestedShell(kind: ShellKind, args: string[], stdin: Buffer, write: Write, extra: Record<string, string>): number {
    const child = new Shell({ ...this.options, kind, env: this.environment(extra), cwd: this.cwd });
    let script: string | undefined;
    let i = 0;
    for (; i < args.length && args[i].startsWith("-") && args[i] !== "-"; i++) {
      const a = args[i];
      if (a === "--") { i++; break; }
      if (a.includes("e")) child.errexit = true;
      if (a.includes("u")) child.nounset = true;
      if (a.includes("c")) script = "";
    }
    if (script !== undefined) {
      script = args[i];
      if (script === undefined) {
        write(2, `${this.prefix.replace(/1: $/, "0: ")}-c: option requires an argument\n`);
        return 2;
      }
      if (args[i + 1] !== undefined) child.name = args[i + 1];
      child.positional = args.slice(i + 2);
      return child.run(script, stdin, write);
    }
    if (args[i] !== undefined) {
      try {
        script = this.fs.readFile(normalisePath(args[i], this.cwd)).toString("utf8");
      } catch {
        write(2, this.options.userland === "busybox" ? `sh: can't open '${args[i]}': No such file or directory\n` : `${kind}: 0: cannot open ${args[i]}: No such file\n`);
        return this.options.userland === "busybox" ? 2 : 2;
      }
      child.positional = args.slice(i + 1);
      return child.run(script, Buffer.alloc(0), write);
    }
    return child.run(stdin.toString("utf8"), Buffer.alloc(0), write);
  }
}

class UnsetParameter extends Error {}
