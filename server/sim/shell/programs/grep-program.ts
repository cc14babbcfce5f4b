/**
 * grep with the options scripts use: `-q -v -i -c -n -l -x -w -E -F -e PATTERN`, over files or
 * stdin; exit 0 when a line matched, 1 when none did, 2 on an error. Basic and extended regular
 * expressions are read as JavaScript ones (close for the common `^`, `$`, `.`, `*`, `[…]`;
 * BRE's `\(`, `\)`, `\{`, `\}`, `\|` and `\+` are translated).
 */
import { complain, parseOptions, resolve, type Program } from "@/server/sim/shell/process";

function toRegExp(pattern: string, extended: boolean, fixed: boolean): string {
  if (fixed) return pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  if (extended) return pattern;
  // BRE: ( ) { } | + ? are literal unless escaped.
  return pattern.replace(/\\([(){}|+?])|([(){}|+?])/g, (_m, escaped: string | undefined, plain: string | undefined) => (escaped ? escaped : `\\${plain}`));
}

export const grep: Program = (ctx) => {
  const { flags, values, operands, bad } = parseOptions(ctx.argv.slice(1), "e");
  if (bad) return complain(ctx, { busybox: `option requires an argument -- '${bad}'`, gnu: `option requires an argument -- '${bad}'` }, 2);
  const pattern = values.e ?? operands.shift();
  if (pattern === undefined) return complain(ctx, { busybox: "usage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...", gnu: "Usage: grep [OPTION]... PATTERNS [FILE]..." }, 2);
  let source = toRegExp(pattern, flags.has("E") || ctx.argv[0] === "egrep", flags.has("F") || ctx.argv[0] === "fgrep");
  if (flags.has("w")) source = `(?:^|\\W)(?:${source})(?:\\W|$)`;
  if (flags.has("x")) source = `^(?:${source})$`;
  let re: RegExp;
  try {
    re = new RegExp(source, flags.has("i") ? "i" : "");
  } catch {
    return complain(ctx, { busybox: `bad regex '${pattern}'`, gnu: "Unmatched ( or \\(" }, 2);
  }
  const files = operands.length ? operands : ["-"];
  let matched = false;
  let code = 0;
  for (const f of files) {
    let text: string;
    try {
      text = (f === "-" ? ctx.stdin : ctx.fs.readFile(resolve(ctx, f))).toString("utf8");
    } catch (err) {
      if (!flags.has("s")) complain(ctx, { busybox: `${f}: ${err instanceof Error ? err.message : String(err)}`, gnu: `${f}: ${err instanceof Error ? err.message : String(err)}` });
      code = 2;
      continue;
    }
    const lines = text.split("\n");
    if (lines[lines.length - 1] === "") lines.pop();
    const prefix = files.length > 1 ? `${f === "-" ? "(standard input)" : f}:` : "";
    let count = 0;
    lines.forEach((line, i) => {
      if (re.test(line) === flags.has("v")) return;
      count++;
      matched = true;
      if (!flags.has("q") && !flags.has("c") && !flags.has("l")) ctx.write(1, `${prefix}${flags.has("n") ? `${i + 1}:` : ""}${line}\n`);
    });
    if (flags.has("q") && matched) return 0;
    if (flags.has("c")) ctx.write(1, `${prefix}${count}\n`);
    if (flags.has("l") && count > 0) ctx.write(1, `${f === "-" ? "(standard input)" : f}\n`);
  }
  return code === 2 && !(flags.has("q") && matched) ? 2 : matched ? 0 : 1;
};
