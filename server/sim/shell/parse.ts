/**
 * The POSIX sh grammar the sim's shell understands, from text to a tree: lists separated by `;`,
 * `&` or newlines, `&&` / `||`, pipelines with `|` and `!`, simple commands with their
 * redirections (`>`, `>>`, `<`, `N>&M`, `2>/dev/null`), and words made of literal, single-,
 * double-quoted and backslash-escaped text, `$NAME` / `${NAME}` / `${NAME:-word}` / `$?`
 * parameters and `$(…)` / `` `…` `` command substitutions. Compound commands (if, for, while,
 * case, functions, subshells) are not parsed: their keywords run as commands and are not found.
 * https://pubs.opengroup.org/onlinepubs/9699919799/utilities/V3_chap02.html
 */

export type Part =
  | { t: "lit"; s: string; quoted: boolean }
  | { t: "param"; name: string; quoted: boolean; op?: "-" | ":-" | "+" | ":+" | "=" | ":=" | "#"; arg?: string }
  | { t: "cmd"; src: string; quoted: boolean };

export type Word = Part[];

export interface Redirect {
  fd: number;
  op: ">" | ">>" | "<" | ">&" | "<&";
  target: Word;
}

export interface SimpleCommand {
  words: Word[];
  redirects: Redirect[];
}

export interface Pipeline {
  negate: boolean;
  commands: SimpleCommand[];
}

export interface AndOr {
  pipelines: Pipeline[];
  /** ops[i] joins pipelines[i] and pipelines[i + 1]. */
  ops: Array<"&&" | "||">;
}

export type Script = AndOr[];

type Token = { k: "word"; word: Word } | { k: "op"; op: string } | { k: "redir"; fd: number | undefined; op: Redirect["op"] };

export class ShellSyntaxError extends Error {}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** The index just past the `)` closing the `$(` whose body starts at `i`, skipping quotes and nested parens. */
function closingParen(src: string, i: number): number {
  let depth = 1;
  for (; i < src.length; i++) {
    const ch = src[i];
    if (ch === "\\") i++;
    else if (ch === "'") {
      const end = src.indexOf("'", i + 1);
      if (end < 0) break;
      i = end;
    } else if (ch === '"') {
      for (i++; i < src.length && src[i] !== '"'; i++) if (src[i] === "\\") i++;
    } else if (ch === "(") depth++;
    else if (ch === ")" && --depth === 0) return i + 1;
  }
  throw new ShellSyntaxError("Syntax error: end of file unexpected (expecting \")\")");
}

/** Reads a `$…` expansion at `i` (src[i] === "$"); returns the part and the index after it, or undefined for a plain `$`. */
function dollar(src: string, i: number, quoted: boolean): { part: Part; end: number } | undefined {
  const next = src[i + 1];
  if (next === "(") {
    if (src[i + 2] === "(") throw new ShellSyntaxError("arithmetic expansion is not supported");
    const end = closingParen(src, i + 2);
    return { part: { t: "cmd", src: src.slice(i + 2, end - 1), quoted }, end };
  }
  if (next === "{") {
    const close = src.indexOf("}", i + 2);
    if (close < 0) throw new ShellSyntaxError("Syntax error: Missing '}'");
    const body = src.slice(i + 2, close);
    if (body.startsWith("#") && NAME.test(body.slice(1))) return { part: { t: "param", name: body.slice(1), quoted, op: "#" }, end: close + 1 };
    const name = NAME.exec(body)?.[0] ?? /^[0-9?#$@*!-]/.exec(body)?.[0];
    if (!name) throw new ShellSyntaxError(`\${${body}}: bad substitution`);
    const rest = body.slice(name.length);
    if (rest === "") return { part: { t: "param", name, quoted }, end: close + 1 };
    const op = /^(:-|:\+|:=|-|\+|=)/.exec(rest)?.[0] as "-" | ":-" | "+" | ":+" | "=" | ":=" | undefined;
    if (!op) throw new ShellSyntaxError(`\${${body}}: bad substitution`);
    return { part: { t: "param", name, quoted, op, arg: rest.slice(op.length) }, end: close + 1 };
  }
  const name = NAME.exec(src.slice(i + 1))?.[0] ?? (next && /[0-9?#$@*!-]/.test(next) ? next : undefined);
  if (!name) return undefined;
  return { part: { t: "param", name, quoted }, end: i + 1 + name.length };
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (ch === " " || ch === "\t") { i++; continue; }
    if (ch === "\\" && src[i + 1] === "\n") { i += 2; continue; }
    if (ch === "#") { while (i < src.length && src[i] !== "\n") i++; continue; }
    const op = ["\n", ";", "&&", "||", "|", "&", "(", ")"].find((o) => src.startsWith(o, i));
    if (op) { tokens.push({ k: "op", op }); i += op.length; continue; }
    const redir = /^(\d*)(>>|>&|<&|>\||>|<)/.exec(src.slice(i));
    if (redir) {
      const op = (redir[2] === ">|" ? ">" : redir[2]) as Redirect["op"];
      tokens.push({ k: "redir", fd: redir[1] ? Number(redir[1]) : undefined, op });
      i += redir[0].length;
      continue;
    }
    const [word, end] = readWord(src, i);
    tokens.push({ k: "word", word });
    i = end;
  }
  return tokens;
}

function readWord(src: string, i: number): [Word, number] {
  const parts: Word = [];
  let lit = "";
  const flush = (quoted: boolean) => {
    if (lit) parts.push({ t: "lit", s: lit, quoted });
    lit = "";
  };
  while (i < src.length && !/[\s;&|()<>]/.test(src[i])) {
    const ch = src[i];
    if (ch === "\\") {
      flush(false);
      if (i + 1 < src.length) parts.push({ t: "lit", s: src[i + 1], quoted: true });
      i += 2;
    } else if (ch === "'") {
      flush(false);
      const end = src.indexOf("'", i + 1);
      if (end < 0) throw new ShellSyntaxError("Syntax error: Unterminated quoted string");
      parts.push({ t: "lit", s: src.slice(i + 1, end), quoted: true });
      i = end + 1;
    } else if (ch === '"') {
      flush(false);
      i = readDoubleQuoted(src, i + 1, parts);
    } else if (ch === "$") {
      const d = dollar(src, i, false);
      if (!d) { lit += ch; i++; continue; }
      flush(false);
      parts.push(d.part);
      i = d.end;
    } else if (ch === "`") {
      flush(false);
      const end = src.indexOf("`", i + 1);
      if (end < 0) throw new ShellSyntaxError("Syntax error: EOF in backquote substitution");
      parts.push({ t: "cmd", src: src.slice(i + 1, end), quoted: false });
      i = end + 1;
    } else {
      lit += ch;
      i++;
    }
  }
  flush(false);
  return [parts, i];
}

/** Reads a "…" body starting after the opening quote into `parts`; returns the index after the closing quote. */
function readDoubleQuoted(src: string, i: number, parts: Word): number {
  let lit = "";
  // An empty "" still makes a word.
  const flush = (force = false) => {
    if (lit || force) parts.push({ t: "lit", s: lit, quoted: true });
    lit = "";
  };
  for (; i < src.length; i++) {
    const ch = src[i];
    if (ch === '"') { flush(true); return i + 1; }
    if (ch === "\\" && /[$`"\\\n]/.test(src[i + 1] ?? "")) { if (src[i + 1] !== "\n") lit += src[i + 1]; i++; continue; }
    if (ch === "$") {
      const d = dollar(src, i, true);
      if (!d) { lit += ch; continue; }
      flush();
      parts.push(d.part);
      i = d.end - 1;
      continue;
    }
    if (ch === "`") {
      flush();
      const end = src.indexOf("`", i + 1);
      if (end < 0) throw new ShellSyntaxError("Syntax error: EOF in backquote substitution");
      parts.push({ t: "cmd", src: src.slice(i + 1, end), quoted: true });
      i = end;
      continue;
    }
    lit += ch;
  }
  throw new ShellSyntaxError("Syntax error: Unterminated quoted string");
}

/** Parses a whole script. */
export function parseScript(src: string): Script {
  const tokens = tokenize(src);
  let pos = 0;
  const peekOp = () => (tokens[pos]?.k === "op" ? (tokens[pos] as { op: string }).op : undefined);
  const skipNewlines = () => { while (peekOp() === "\n") pos++; };
  const unexpected = (): never => {
    const t = tokens[pos];
    throw new ShellSyntaxError(`Syntax error: ${t ? `"${t.k === "op" ? t.op : "word"}" unexpected` : "end of file unexpected"}`);
  };

  const simple = (): SimpleCommand => {
    const cmd: SimpleCommand = { words: [], redirects: [] };
    for (;;) {
      const t = tokens[pos];
      if (t?.k === "word") { cmd.words.push(t.word); pos++; continue; }
      if (t?.k === "redir") {
        const target = tokens[pos + 1];
        if (target?.k !== "word") { pos++; unexpected(); }
        cmd.redirects.push({ fd: t.fd ?? (t.op === "<" || t.op === "<&" ? 0 : 1), op: t.op, target: (target as { word: Word }).word });
        pos += 2;
        continue;
      }
      break;
    }
    if (cmd.words.length === 0 && cmd.redirects.length === 0) unexpected();
    return cmd;
  };

  const pipeline = (): Pipeline => {
    let negate = false;
    const first = tokens[pos];
    if (first?.k === "word" && first.word.length === 1 && first.word[0].t === "lit" && !first.word[0].quoted && first.word[0].s === "!") { negate = true; pos++; }
    const commands = [simple()];
    while (peekOp() === "|") { pos++; skipNewlines(); commands.push(simple()); }
    return { negate, commands };
  };

  const script: Script = [];
  skipNewlines();
  while (pos < tokens.length) {
    const andOr: AndOr = { pipelines: [pipeline()], ops: [] };
    for (let op = peekOp(); op === "&&" || op === "||"; op = peekOp()) {
      pos++;
      skipNewlines();
      andOr.ops.push(op);
      andOr.pipelines.push(pipeline());
    }
    script.push(andOr);
    const sep = peekOp();
    if (sep === ";" || sep === "\n" || sep === "&") pos++;
    else if (pos < tokens.length) unexpected();
    while (peekOp() === ";" || peekOp() === "\n") pos++;
  }
  return script;
}

/** The literal text of a word when it has no expansions (for command names and assignments). */
export function literalOf(word: Word): string | undefined {
  if (!word.every((p) => p.t === "lit")) return undefined;
  return word.map((p) => (p as { s: string }).s).join("");
}

/** Text read as the inside of double quotes (the word of `${X:-word}`): expansions, no splitting. */
export function parseWordText(src: string): Word {
  const parts: Word = [];
  readDoubleQuoted(`${src.replace(/"/g, '\\"')}"`, 0, parts);
  return parts;
}
