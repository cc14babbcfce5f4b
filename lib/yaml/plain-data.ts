/**
 * Kubernetes objects are plain data: mappings, lists, strings, numbers, booleans and null. YAML
 * can say more — language-specific tags (`!!js/function`, `!!python/object/apply`), CloudFormation's
 * `!Ref`, YAML 1.1's `!!binary` and `!!timestamp` — which the API server would receive as strings
 * or answer with a puzzling unmarshal error; and escapes (`"\0"`, `"\x07"`) smuggle control
 * characters into values no person can see in the editor. Both are refused, at their line and column.
 * https://yaml.org/spec/1.2.2/#103-core-schema
 */
import { isScalar, visit, type Document, type LineCounter, type Node } from "yaml";

/** The core schema's tags, plus `!` (the non-specific tag: "a string"). */
const CORE_TAGS = new Set(["str", "int", "float", "bool", "null", "map", "seq"].map((t) => `tag:yaml.org,2002:${t}`).concat("!"));

/** C0 and C1 controls and DEL; tab, line feed and carriage return are ordinary text. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;

const CONTROL_NAMES: Record<number, string> = { 0: "NUL", 7: "BEL", 8: "BS", 0x1b: "ESC", 0x7f: "DEL" };

export interface PlainDataProblem {
  message: string;
  line: number;
  column: number;
}

function shortTag(tag: string): string {
  return tag.startsWith("tag:yaml.org,2002:") ? `!!${tag.slice("tag:yaml.org,2002:".length)}` : tag;
}

function describeControl(char: string): string {
  const code = char.codePointAt(0)!;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  return CONTROL_NAMES[code] ? `${hex} (${CONTROL_NAMES[code]})` : hex;
}

/** Where the tag in front of a node starts: parsed nodes know only where their value starts. */
function tagOffset(text: string, valueStart: number): number {
  let bang = text.lastIndexOf("!", valueStart);
  while (bang > 0 && text[bang - 1] === "!") bang--;
  return bang >= 0 && /^!\S*(\s+&\S+)?\s*$/.test(text.slice(bang, valueStart)) ? bang : valueStart;
}

/** Every tag outside the core schema and every control character in a key or value of `doc` (parsed from `text`). */
export function findNonPlainData(doc: Document.Parsed, lineCounter: LineCounter, text: string): PlainDataProblem[] {
  const problems: PlainDataProblem[] = [];
  const at = (offset: number, message: string) => {
    const { line, col } = lineCounter.linePos(offset);
    problems.push({ message, line, column: col });
  };
  const check = (node: Node) => {
    const start = node.range?.[0] ?? 0;
    if (node.tag && !CORE_TAGS.has(node.tag)) {
      at(tagOffset(text, start), `the tag ${shortTag(node.tag)} is not plain data; Kubernetes objects take only YAML's core types (!!str, !!int, !!float, !!bool, !!null, !!map, !!seq) — remove the tag.`);
    }
    if (isScalar(node) && typeof node.value === "string") {
      const control = CONTROL.exec(node.value);
      // A raw character is marked where it is; an escaped one ("\0") where its text starts.
      const raw = control ? text.indexOf(control[0], start) : -1;
      if (control) at(raw >= 0 && raw < (node.range?.[1] ?? 0) ? raw : start, `this text contains the control character ${describeControl(control[0])}, which no one can see in an editor; remove it (write it out, e.g. as base64 in a Secret's data, if it is meant).`);
    }
  };
  visit(doc, {
    Scalar: (_, node) => check(node),
    Map: (_, node) => check(node),
    Seq: (_, node) => check(node),
  });
  return problems;
}
