/**
 * Word expansion, in POSIX order: parameters and command substitutions, field splitting of the
 * unquoted results on whitespace, then pathname expansion (`*`, `?`, `[…]`, `[!…]`) of the
 * unquoted pattern characters against the container's files. A pattern that matches nothing
 * stays as written, and `*` does not match a leading dot, as in sh.
 */
import type { ContainerFs } from "@/server/sim/fs/container-fs";
import { normalisePath } from "@/server/sim/fs/container-fs";
import { parseWordText, type Part, type Word } from "@/server/sim/shell/parse";

export interface Expander {
  /** A parameter's value, undefined when unset (set -u reports it). */
  param(name: string): string | undefined;
  assign(name: string, value: string): void;
  /** The stdout of `$(src)`, trailing newlines kept (the caller strips them). */
  substitute(src: string): string;
  unset(name: string): never;
  fs: ContainerFs;
  cwd: string;
}

/** A field being built: its text, and the same text as a glob pattern (quoted metacharacters escaped). */
interface Field {
  text: string;
  pattern: string;
  hasGlob: boolean;
  present: boolean;
}

const newField = (): Field => ({ text: "", pattern: "", hasGlob: false, present: false });
const escapeGlob = (s: string) => s.replace(/[*?[\]\\]/g, (c) => `\\${c}`);

function paramValue(part: Extract<Part, { t: "param" }>, ex: Expander): string {
  const value = ex.param(part.name);
  const arg = () => expandToString(part.arg ?? "", ex);
  switch (part.op) {
    case "#": return String((value ?? "").length);
    case "-": return value === undefined ? arg() : value;
    case ":-": return value ? value : arg();
    case "+": return value === undefined ? "" : arg();
    case ":+": return value ? arg() : "";
    case "=":
    case ":=": {
      if (value === undefined || (part.op === ":=" && !value)) {
        const v = arg();
        ex.assign(part.name, v);
        return v;
      }
      return value;
    }
    default:
      if (value === undefined) ex.unset(part.name);
      return value;
  }
}

/** The expanded parts of a word, split into fields and glob-expanded. */
export function expandWord(word: Word, ex: Expander, options: { split: boolean; glob: boolean } = { split: true, glob: true }): string[] {
  const fields: Field[] = [];
  let cur = newField();
  const addText = (s: string, quoted: boolean) => {
    cur.text += s;
    cur.pattern += quoted ? escapeGlob(s) : s;
    if (!quoted && /[*?[]/.test(s)) cur.hasGlob = true;
    cur.present = true;
  };
  for (const part of word) {
    if (part.t === "lit") {
      addText(part.s, part.quoted);
      if (part.quoted) cur.present = true;
      continue;
    }
    const value = part.t === "param" ? paramValue(part, ex) : ex.substitute(part.src).replace(/\n+$/, "");
    if (part.quoted || !options.split) {
      addText(value, true);
      cur.present = true;
      continue;
    }
    const pieces = value.split(/[ \t\n]+/);
    pieces.forEach((piece, i) => {
      if (i > 0 && cur.present) {
        fields.push(cur);
        cur = newField();
      }
      if (piece) addText(piece, true);
    });
  }
  if (cur.present) fields.push(cur);
  if (!options.glob) return fields.map((f) => f.text);
  return fields.flatMap((f) => (f.hasGlob ? glob(f, ex) : [f.text]));
}

/** Expands a word-like string (an assignment's value, `${X:-default}`'s default) without splitting or globbing. */
export function expandToString(src: string, ex: Expander): string {
  return expandWord(parseWordText(src), ex, { split: false, glob: false }).join(" ");
}

function segmentRegex(pattern: string): RegExp {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "\\") re += (pattern[++i] ?? "\\").replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    else if (ch === "*") re += "[^/]*";
    else if (ch === "?") re += "[^/]";
    else if (ch === "[") {
      const end = pattern.indexOf("]", i + 2);
      if (end < 0) { re += "\\["; continue; }
      let body = pattern.slice(i + 1, end);
      const negate = body.startsWith("!") || body.startsWith("^");
      if (negate) body = body.slice(1);
      re += `[${negate ? "^" : ""}${body.replace(/\\/g, "\\\\")}]`;
      i = end;
    } else re += ch.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

function glob(field: Field, ex: Expander): string[] {
  const absolute = field.pattern.startsWith("/");
  const segments = field.pattern.split("/").filter((s) => s !== "");
  let paths: string[] = [absolute ? "/" : ""];
  for (const seg of segments) {
    const next: string[] = [];
    const isPattern = /(^|[^\\])[*?[]/.test(seg);
    for (const base of paths) {
      const dir = normalisePath(base || ".", ex.cwd);
      const join = (name: string) => (base === "" ? name : base.endsWith("/") ? `${base}${name}` : `${base}/${name}`);
      if (!isPattern) {
        const name = seg.replace(/\\(.)/g, "$1");
        if (ex.fs.stat(normalisePath(join(name), ex.cwd))) next.push(join(name));
        continue;
      }
      let names: string[];
      try {
        names = ex.fs.readdir(dir);
      } catch {
        continue;
      }
      const re = segmentRegex(seg);
      const dotOk = seg.startsWith(".") || seg.startsWith("\\.");
      for (const name of names) if ((dotOk || !name.startsWith(".")) && re.test(name)) next.push(join(name));
    }
    paths = next;
  }
  if (field.pattern.endsWith("/")) paths = paths.filter((p) => ex.fs.stat(normalisePath(p, ex.cwd))?.kind === "dir").map((p) => `${p}/`);
  return paths.length ? paths.sort() : [field.text];
}
