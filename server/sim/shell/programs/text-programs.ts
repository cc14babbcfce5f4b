/**
 * The text and process programs scripts lean on: echo (-n, -e), printf, head / tail (-n N,
 * -n +N, -c N), wc (-c -l -w), xargs (-r, -n), sleep, env / printenv, hostname, pwd, whoami,
 * id, true, false, basename, dirname, stty size. `sleep` returns at once and adds its time to
 * the host's `elapsed`: the sim runs a script to its end when the container starts, and the
 * kubelet ends the container that much later (README).
 */
import { complain, parseOptions, resolve, type Program, type ProgramContext } from "@/server/sim/shell/process";

function unescape(s: string): { text: string; stop: boolean } {
  let stop = false;
  const text = s.replace(/\\(0[0-7]{0,3}|[abcefnrtv\\])/g, (_m, e: string) => {
    if (e === "c") { stop = true; return ""; }
    if (e.startsWith("0")) return String.fromCharCode(parseInt(e.slice(1) || "0", 8));
    return ({ a: "\x07", b: "\b", e: "\x1b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\" } as Record<string, string>)[e];
  });
  return { text, stop };
}

export const echo: Program = (ctx) => {
  const args = ctx.argv.slice(1);
  let newline = true;
  let escapes = false;
  while (args[0] && /^-[neE]+$/.test(args[0])) {
    const f = args.shift()!;
    if (f.includes("n")) newline = false;
    if (f.includes("e")) escapes = true;
  }
  const text = args.join(" ");
  const out = escapes ? unescape(text) : { text, stop: false };
  ctx.write(1, out.text + (newline && !out.stop ? "\n" : ""));
  return 0;
};

export const printf: Program = (ctx) => {
  const [format, ...args] = ctx.argv.slice(1);
  if (format === undefined) return complain(ctx, { busybox: "usage: printf FORMAT [ARGUMENT...]", gnu: "missing operand" });
  let out = "";
  let i = 0;
  do {
    out += unescape(format).text.replace(/%([-0-9.]*)([sdiuxXc%])/g, (_m, width: string, conv: string) => {
      if (conv === "%") return "%";
      const arg = args[i++] ?? "";
      const value = conv === "s" || conv === "c" ? (conv === "c" ? arg.slice(0, 1) : arg) : conv === "x" ? (Number(arg) || 0).toString(16) : conv === "X" ? (Number(arg) || 0).toString(16).toUpperCase() : String(Math.trunc(Number(arg) || 0));
      const w = Number(width.replace(/^-/, "").split(".")[0]) || 0;
      return width.startsWith("-") ? value.padEnd(w) : value.padStart(w, width.startsWith("0") && conv !== "s" ? "0" : " ");
    });
  } while (i > 0 && i < args.length);
  ctx.write(1, out);
  return 0;
};

/** The bytes of the operands (or stdin), each with its name; a missing file is reported in `program`'s words. */
function inputs(ctx: ProgramContext, operands: string[]): { data: Array<{ name: string; bytes: Buffer }>; code: number } {
  const data: Array<{ name: string; bytes: Buffer }> = [];
  let code = 0;
  for (const f of operands.length ? operands : ["-"]) {
    if (f === "-") { data.push({ name: "-", bytes: ctx.stdin }); continue; }
    try {
      data.push({ name: f, bytes: ctx.fs.readFile(resolve(ctx, f)) });
    } catch (err) {
      const text = err instanceof Error ? err.message : String(err);
      code = complain(ctx, { busybox: `can't open '${f}': ${text}`, gnu: `cannot open '${f}' for reading: ${text}` });
    }
  }
  return { data, code };
}

/** Splits after each newline, keeping them, so a last line without one survives. */
function lines(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) { out.push(bytes.subarray(start, i + 1)); start = i + 1; }
  if (start < bytes.length) out.push(bytes.subarray(start));
  return out;
}

function headTail(ctx: ProgramContext, isTail: boolean): number {
  const args = ctx.argv.slice(1).map((a) => (/^-\d+$/.test(a) ? `-n${a.slice(1)}` : a));
  const { values, operands, bad } = parseOptions(args, "nc");
  if (bad) return complain(ctx, { busybox: `option requires an argument -- '${bad}'`, gnu: `option requires an argument -- '${bad}'` });
  const spec = values.n ?? values.c ?? "10";
  const fromStart = spec.startsWith("+");
  const n = Number(spec.replace(/^[+-]/, ""));
  if (!Number.isInteger(n)) return complain(ctx, { busybox: `invalid number '${spec}'`, gnu: `invalid number of ${values.c !== undefined ? "bytes" : "lines"}: '${spec}'` });
  const { data, code } = inputs(ctx, operands);
  data.forEach(({ name, bytes }, i) => {
    if (data.length > 1) ctx.write(1, `${i > 0 ? "\n" : ""}==> ${name === "-" ? "standard input" : name} <==\n`);
    if (values.c !== undefined) {
      ctx.write(1, isTail ? (fromStart ? bytes.subarray(Math.max(0, n - 1)) : bytes.subarray(Math.max(0, bytes.length - n))) : bytes.subarray(0, n));
      return;
    }
    const all = lines(bytes);
    const picked = isTail ? (fromStart ? all.slice(Math.max(0, n - 1)) : all.slice(Math.max(0, all.length - n))) : all.slice(0, n);
    ctx.write(1, Buffer.concat(picked));
  });
  return code;
}

export const head: Program = (ctx) => headTail(ctx, false);
export const tail: Program = (ctx) => headTail(ctx, true);

export const wc: Program = (ctx) => {
  const { flags, operands } = parseOptions(ctx.argv.slice(1));
  const pick = flags.size ? ["l", "w", "c"].filter((f) => flags.has(f)) : ["l", "w", "c"];
  const { data, code } = inputs(ctx, operands);
  const counts = data.map(({ name, bytes }) => {
    const text = bytes.toString("utf8");
    const all: Record<string, number> = { l: bytes.filter((b) => b === 10).length, w: text.split(/\s+/).filter(Boolean).length, c: bytes.length };
    return { name, values: pick.map((f) => all[f]) };
  });
  if (counts.length > 1) counts.push({ name: "total", values: pick.map((_, i) => counts.reduce((s, c) => s + c.values[i], 0)) });
  const width = pick.length === 1 && operands.length <= 1 ? 0 : ctx.userland === "busybox" ? 7 : Math.max(...counts.flatMap((c) => c.values.map((v) => String(v).length)));
  for (const c of counts) ctx.write(1, `${c.values.map((v) => String(v).padStart(width)).join(ctx.userland === "busybox" ? " " : " ")}${c.name === "-" ? "" : ` ${c.name}`}\n`);
  return code;
};

/** xargs: stdin's blank-separated words (quotes group them) appended to the command; -r runs nothing for none. */
export const xargs: Program = (ctx) => {
  const args = ctx.argv.slice(1);
  let noEmpty = false;
  let perRun = Infinity;
  while (args[0]?.startsWith("-") && args[0] !== "--") {
    const a = args.shift()!;
    if (a === "-r" || a === "--no-run-if-empty") noEmpty = true;
    else if (a === "-n") perRun = Number(args.shift());
    else if (a.startsWith("-n")) perRun = Number(a.slice(2));
    else return complain(ctx, { busybox: `invalid option -- '${a.slice(1)}'`, gnu: `invalid option -- '${a.slice(1)}'` });
  }
  if (args[0] === "--") args.shift();
  const command = args.length ? args : ["echo"];
  const words = [...ctx.stdin.toString("utf8").matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
  if (words.length === 0) return noEmpty && ctx.userland === "gnu" ? 0 : noEmpty ? 0 : ctx.spawn(command);
  let code = 0;
  for (let i = 0; i < words.length; i += perRun) {
    const r = ctx.spawn([...command, ...words.slice(i, i + perRun)]);
    if (r === 127) return 127;
    if (r !== 0) code = 123;
  }
  return code;
};

export const sleep: Program = (ctx) => {
  const arg = ctx.argv[1];
  if (arg === undefined) return complain(ctx, { busybox: "usage: sleep [N]...", gnu: "missing operand" });
  let seconds = 0;
  for (const a of ctx.argv.slice(1)) {
    const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(a);
    if (!m && a !== "infinity") return complain(ctx, { busybox: `invalid number '${a}'`, gnu: `invalid time interval '${a}'` });
    seconds += m ? Number(m[1]) * { "": 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as "" | "s" | "m" | "h" | "d"] : Infinity;
  }
  if (ctx.host.elapsed) ctx.host.elapsed.seconds += seconds;
  return 0;
};

export const env: Program = (ctx) => {
  const [name] = ctx.argv.slice(1);
  if (ctx.argv[0] === "printenv" && name !== undefined) {
    if (!(name in ctx.env)) return 1;
    ctx.write(1, `${ctx.env[name]}\n`);
    return 0;
  }
  ctx.write(1, Object.entries(ctx.env).map(([k, v]) => `${k}=${v}\n`).join(""));
  return 0;
};

export const basename: Program = (ctx) => {
  const [path, suffix] = ctx.argv.slice(1);
  if (path === undefined) return complain(ctx, { busybox: "missing operand", gnu: "missing operand" });
  let base = path.replace(/\/+$/, "").split("/").pop() || (path.startsWith("/") ? "/" : "");
  if (suffix && base !== suffix && base.endsWith(suffix)) base = base.slice(0, -suffix.length);
  ctx.write(1, `${base}\n`);
  return 0;
};

export const dirname: Program = (ctx) => {
  const path = ctx.argv[1];
  if (path === undefined) return complain(ctx, { busybox: "missing operand", gnu: "missing operand" });
  const trimmed = path.replace(/\/+$/, "");
  const i = trimmed.lastIndexOf("/");
  ctx.write(1, `${i < 0 ? "." : i === 0 ? "/" : trimmed.slice(0, i)}\n`);
  return 0;
};

export const stty: Program = (ctx) => {
  if (ctx.argv[1] !== "size") return 0;
  if (!ctx.host.size) return complain(ctx, { busybox: "standard input: Not a tty", gnu: "'standard input': Inappropriate ioctl for device" });
  ctx.write(1, `${ctx.host.size.rows} ${ctx.host.size.cols}\n`);
  return 0;
};

const say = (text: string): Program => (ctx) => {
  ctx.write(1, text);
  return 0;
};

export const SIMPLE: Record<string, Program> = {
  true: () => 0,
  false: () => 1,
  whoami: say("root\n"),
  id: say("uid=0(root) gid=0(root) groups=0(root)\n"),
  hostname: (ctx) => say(`${ctx.host.hostname}\n`)(ctx),
  pwd: (ctx) => say(`${ctx.cwd}\n`)(ctx),
};
