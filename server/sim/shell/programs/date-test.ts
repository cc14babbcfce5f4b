/**
 * `date` on the cluster's clock (sim.clock, so a test that moves the clock names files for the
 * moved time): `-u`, `+FORMAT` with the strftime fields scripts use, `-d @EPOCH`; and
 * `test` / `[` with the file, string and integer operators and `!`.
 */
import { simClock } from "@/server/sim/controllers/sim-clock";
import { complain, resolve, type Program, type ProgramContext } from "@/server/sim/shell/process";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** Containers run in UTC unless TZ says otherwise; the sim knows only UTC. */
export function strftime(format: string, d: Date): string {
  return format.replace(/%([a-zA-Z%])/g, (m, f: string) => {
    switch (f) {
      case "Y": return String(d.getUTCFullYear());
      case "m": return pad(d.getUTCMonth() + 1);
      case "d": return pad(d.getUTCDate());
      case "e": return String(d.getUTCDate()).padStart(2);
      case "H": return pad(d.getUTCHours());
      case "M": return pad(d.getUTCMinutes());
      case "S": return pad(d.getUTCSeconds());
      case "s": return String(Math.floor(d.getTime() / 1000));
      case "F": return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
      case "T": return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
      case "Z": return "UTC";
      case "z": return "+0000";
      case "a": return DAYS[d.getUTCDay()];
      case "b": return MONTHS[d.getUTCMonth()];
      case "j": return pad(Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1, 3);
      case "%": return "%";
      default: return m;
    }
  });
}

export const date: Program = (ctx) => {
  const args = ctx.argv.slice(1);
  let when = new Date(simClock.now());
  let format = "%a %b %e %T %Z %Y";
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-u" || a === "--utc" || a === "-R") continue;
    if (a === "-d" || a.startsWith("--date=")) {
      const value = a === "-d" ? args[++i] : a.slice(7);
      const t = value?.startsWith("@") ? Number(value.slice(1)) * 1000 : Date.parse(value ?? "");
      if (!Number.isFinite(t)) return complain(ctx, { busybox: `invalid date '${value}'`, gnu: `invalid date '${value}'` });
      when = new Date(t);
    } else if (a.startsWith("+")) format = a.slice(1);
    else return complain(ctx, { busybox: `invalid date '${a}'`, gnu: `invalid date '${a}'` });
  }
  ctx.write(1, `${strftime(format, when)}\n`);
  return 0;
};

function evaluate(ctx: ProgramContext, args: string[]): boolean | string {
  if (args[0] === "!") {
    const r = evaluate(ctx, args.slice(1));
    return typeof r === "string" ? r : !r;
  }
  if (args.length === 0) return false;
  if (args.length === 1) return args[0] !== "";
  if (args.length === 2) {
    const [op, operand] = args;
    const n = (() => {
      try {
        return ctx.fs.stat(resolve(ctx, operand));
      } catch {
        return undefined;
      }
    })();
    switch (op) {
      case "-e": case "-a": return Boolean(n);
      case "-f": return n?.kind === "file";
      case "-d": return n?.kind === "dir";
      case "-s": return n?.kind === "file" && n.data.length > 0;
      case "-r": case "-w": case "-x": return Boolean(n);
      case "-z": return operand === "";
      case "-n": return operand !== "";
      default: return `${op}: unary operator expected`;
    }
  }
  const [a, op, b] = args;
  const num = (s: string) => (/^\s*-?\d+\s*$/.test(s) ? Number(s) : NaN);
  switch (op) {
    case "=": case "==": return a === b;
    case "!=": return a !== b;
    case "-eq": case "-ne": case "-gt": case "-lt": case "-ge": case "-le": {
      const [x, y] = [num(a), num(b)];
      if (Number.isNaN(x) || Number.isNaN(y)) return `${Number.isNaN(x) ? a : b}: integer expression expected`;
      return { "-eq": x === y, "-ne": x !== y, "-gt": x > y, "-lt": x < y, "-ge": x >= y, "-le": x <= y }[op];
    }
    default: return `${op}: binary operator expected`;
  }
}

export const test: Program = (ctx) => {
  const args = ctx.argv.slice(1);
  if (ctx.argv[0] === "[") {
    if (args[args.length - 1] !== "]") return complain(ctx, { busybox: "missing ]", gnu: "missing ']'" }, 2);
    args.pop();
  }
  const r = evaluate(ctx, args);
  if (typeof r === "string") return complain(ctx, { busybox: r, gnu: r }, 2);
  return r ? 0 : 1;
};
