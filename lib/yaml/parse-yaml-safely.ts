/**
 * Parses multi-document YAML the way Berth accepts it from people: refused, with a sentence, when
 * it could hurt the server or would not mean what it looks like — alias bombs ("billion laughs"),
 * documents over 1 MB, too many documents, duplicate keys, tags outside the core schema and
 * control characters (plain-data.ts). Pure (no DOM, no Node APIs): the
 * editor runs it for early feedback and the server runs it again as the authority.
 */
import { isAlias, isCollection, isPair, isScalar, LineCounter, parseAllDocuments, type Document, type Node } from "yaml";
import { findNonPlainData } from "@/lib/yaml/plain-data";

export const YAML_LIMITS = {
  /** One document's size in UTF-8 bytes. */
  maxDocumentBytes: 1024 * 1024,
  /** The whole request (several documents). */
  maxTotalBytes: 4 * 1024 * 1024,
  maxDocuments: 50,
  /** Aliases (`*name`) per document; yaml's own default is 100. */
  maxAliasCount: 100,
  /** Nodes after expanding aliases; a bomb's expanded size grows exponentially with its depth. */
  maxExpandedNodes: 200_000,
} as const;

export type YamlLimits = { [K in keyof typeof YAML_LIMITS]: number };

/** Something wrong with the text, where it is (1-based line and column) when known. */
export interface YamlProblem {
  message: string;
  /** 0-based index of the document in the stream. */
  document?: number;
  line?: number;
  column?: number;
}

export interface ParsedYamlDocument {
  /** 0-based index among the non-empty documents. */
  index: number;
  value: unknown;
  doc: Document.Parsed;
  /** 1-based line where the document's content starts. */
  line: number;
}

export type ParseYamlResult =
  | { ok: true; documents: ParsedYamlDocument[]; lineCounter: LineCounter }
  | { ok: false; problems: YamlProblem[] };

const encoder = new TextEncoder();

function utf8Length(text: string): number {
  return encoder.encode(text).byteLength;
}

/**
 * Decodes request bytes as UTF-8, refusing anything that is not (a Latin-1 or UTF-16 file
 * would otherwise turn into replacement characters that end up in the cluster).
 */
export function decodeUtf8Strictly(bytes: Uint8Array): { ok: true; text: string } | { ok: false; problems: YamlProblem[] } {
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    return { ok: true, text };
  } catch {
    return { ok: false, problems: [{ message: "The YAML is not valid UTF-8 text; save the file as UTF-8 and try again." }] };
  }
}

/**
 * Counts the nodes a document would have once every alias is expanded, without expanding them:
 * each node's expanded size is memoised, an alias costs what its anchor costs.
 */
export function expandedNodeCount(doc: Document.Parsed, cap: number): number {
  const memo = new Map<Node, number>();
  const sizeOf = (node: unknown, depth: number): number => {
    if (depth > 1000) return cap + 1;
    if (node === null || node === undefined) return 1;
    if (isAlias(node)) {
      const target = node.resolve(doc);
      return target ? sizeOf(target, depth + 1) : 1;
    }
    if (isScalar(node)) return 1;
    if (isPair(node)) return sizeOf(node.key, depth + 1) + sizeOf(node.value, depth + 1);
    if (!isCollection(node)) return 1;
    const cached = memo.get(node);
    if (cached !== undefined) return cached;
    let total = 1;
    for (const item of node.items) {
      total += sizeOf(item, depth + 1);
      if (total > cap) break;
    }
    memo.set(node, total);
    return total;
  };
  return sizeOf(doc.contents, 0);
}

function problemAt(lineCounter: LineCounter, offset: number | undefined, message: string, document: number): YamlProblem {
  if (offset === undefined) return { message, document };
  const { line, col } = lineCounter.linePos(offset);
  return { message, document, line, column: col };
}

function describeYamlError(code: string, message: string): string {
  if (code === "DUPLICATE_KEY") return `${message.split("\n")[0]} — each key may appear once per mapping; remove or rename the duplicate.`;
  if (code === "ALIAS_PROPS" || code === "BAD_ALIAS") return `${message.split("\n")[0]}.`;
  return message.split("\n")[0];
}

/** Parses `text` into its documents or explains every reason it refuses to. */
export function parseYamlSafely(text: string, limits: YamlLimits = YAML_LIMITS): ParseYamlResult {
  const total = utf8Length(text);
  if (total > limits.maxTotalBytes) {
    return { ok: false, problems: [{ message: `The YAML is ${(total / 1024 / 1024).toFixed(1)} MB; Berth accepts at most ${limits.maxTotalBytes / 1024 / 1024} MB at once — split it up.` }] };
  }
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { uniqueKeys: true, lineCounter, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [];
  const problems: YamlProblem[] = [];
  const documents: ParsedYamlDocument[] = [];
  if (list.length > limits.maxDocuments) {
    return { ok: false, problems: [{ message: `The YAML has ${list.length} documents; Berth accepts at most ${limits.maxDocuments} at once.` }] };
  }
  list.forEach((doc, position) => {
    const [docStart, , end] = doc.range;
    const start = doc.contents?.range?.[0] ?? docStart;
    const bytes = utf8Length(text.slice(docStart, end));
    if (bytes > limits.maxDocumentBytes) {
      problems.push(problemAt(lineCounter, start, `Document ${position + 1} is ${(bytes / 1024 / 1024).toFixed(1)} MB; Kubernetes objects must stay under 1 MB.`, position));
      return;
    }
    for (const err of doc.errors) problems.push(problemAt(lineCounter, err.pos[0], describeYamlError(err.code, err.message), position));
    if (doc.errors.length > 0) return;
    const notPlain = findNonPlainData(doc, lineCounter, text);
    for (const p of notPlain) problems.push({ ...p, document: position });
    if (notPlain.length > 0) return;
    const expanded = expandedNodeCount(doc, limits.maxExpandedNodes);
    if (expanded > limits.maxExpandedNodes) {
      problems.push(problemAt(lineCounter, start, `Document ${position + 1} expands its aliases (&anchor / *alias) to more than ${limits.maxExpandedNodes} nodes; that looks like a YAML bomb, so it was refused.`, position));
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      problems.push(problemAt(lineCounter, start, `Document ${position + 1} was refused: ${reason}`, position));
      return;
    }
    if (value === null || value === undefined) return;
    documents.push({ index: documents.length, value, doc, line: lineCounter.linePos(start).line });
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, documents, lineCounter };
}
