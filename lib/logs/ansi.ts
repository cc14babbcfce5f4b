/**
 * A small ANSI SGR parser: turns a log line with colour escapes into styled segments that the
 * viewer renders as spans (text nodes, never HTML). Other escape sequences (cursor moves, OSC
 * titles) are dropped. https://en.wikipedia.org/wiki/ANSI_escape_code#SGR
 *
 * Kept instead of anser on measurement (`npm run bench -- ansi`): anser leaves OSC sequences
 * such as a window title in the text a person reads, and is ~1.6× slower on the same lines.
 */
export interface AnsiStyle {
  fg?: string;
  bg?: string;
  isBold?: boolean;
  isDim?: boolean;
  isItalic?: boolean;
  isUnderline?: boolean;
}

export interface AnsiSegment {
  text: string;
  style: AnsiStyle;
}

const BASIC = ["#4b5563", "#dc2626", "#16a34a", "#ca8a04", "#2563eb", "#c026d3", "#0891b2", "#d1d5db"];
const BRIGHT = ["#9ca3af", "#f87171", "#4ade80", "#facc15", "#60a5fa", "#e879f9", "#22d3ee", "#f9fafb"];
const ESCAPE = /\x1b\[([0-9;:]*)([A-Za-z])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][A-Za-z0-9]|\x1b./g;

function palette256(n: number): string | undefined {
  if (n < 8) return BASIC[n];
  if (n < 16) return BRIGHT[n - 8];
  if (n < 232) {
    const i = n - 16;
    const level = (v: number) => (v === 0 ? 0 : 55 + v * 40);
    return rgb(level(Math.floor(i / 36)), level(Math.floor(i / 6) % 6), level(i % 6));
  }
  if (n < 256) {
    const g = 8 + (n - 232) * 10;
    return rgb(g, g, g);
  }
  return undefined;
}

function rgb(r: number, g: number, b: number): string {
  const c = (v: number) => Math.max(0, Math.min(255, v | 0)).toString(16).padStart(2, "0");
  return `#${c(r)}${c(g)}${c(b)}`;
}

/** Applies one SGR parameter list to `style` (returns the new style). */
export function applySgr(style: AnsiStyle, params: number[]): AnsiStyle {
  let next = { ...style };
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    if (p === 0) next = {};
    else if (p === 1) next.isBold = true;
    else if (p === 2) next.isDim = true;
    else if (p === 3) next.isItalic = true;
    else if (p === 4) next.isUnderline = true;
    else if (p === 22) next.isBold = next.isDim = undefined;
    else if (p === 23) next.isItalic = undefined;
    else if (p === 24) next.isUnderline = undefined;
    else if (p >= 30 && p <= 37) next.fg = BASIC[p - 30];
    else if (p === 39) next.fg = undefined;
    else if (p >= 40 && p <= 47) next.bg = BASIC[p - 40];
    else if (p === 49) next.bg = undefined;
    else if (p >= 90 && p <= 97) next.fg = BRIGHT[p - 90];
    else if (p >= 100 && p <= 107) next.bg = BRIGHT[p - 100];
    else if (p === 38 || p === 48) {
      let colour: string | undefined;
      if (params[i + 1] === 5) {
        colour = palette256(params[i + 2]);
        i += 2;
      } else if (params[i + 1] === 2) {
        colour = rgb(params[i + 2], params[i + 3], params[i + 4]);
        i += 4;
      }
      if (colour) next[p === 38 ? "fg" : "bg"] = colour;
    }
  }
  return next;
}

/** Splits `line` into styled segments; a line without escapes is one unstyled segment. */
export function parseAnsi(line: string): AnsiSegment[] {
  if (!line.includes("\x1b")) return [{ text: line, style: {} }];
  const segments: AnsiSegment[] = [];
  let style: AnsiStyle = {};
  let last = 0;
  for (const match of line.matchAll(ESCAPE)) {
    if (match.index > last) segments.push({ text: line.slice(last, match.index), style });
    last = match.index + match[0].length;
    if (match[2] === "m") style = applySgr(style, (match[1] || "0").split(/[;:]/).map((n) => (n === "" ? 0 : Number(n))));
  }
  if (last < line.length) segments.push({ text: line.slice(last), style });
  return segments;
}

/** The line without any escape sequence (for search and copy). */
export function stripAnsi(line: string): string {
  return line.includes("\x1b") ? line.replace(ESCAPE, "") : line;
}
