/**
 * Finds where in a YAML document a Kubernetes field path points, so the API server's complaints
 * (`Status.details.causes[].field`) land on the right line in the editor. Paths look like
 * `spec.template.spec.containers[0].image`, `.spec.replicas` (server-side apply conflicts),
 * `metadata.labels[app.kubernetes.io/name]` or `spec.containers[name="web"].image`.
 * https://pkg.go.dev/k8s.io/apimachinery/pkg/util/validation/field#Path
 */
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from "yaml";

export type PathSegment = { key: string } | { index: number } | { match: { field: string; value: string } };

/** Splits a field path into keys, indexes and `[field="value"]` selectors. */
export function parseFieldPath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  const trimmed = path.trim().replace(/^\./, "");
  let i = 0;
  let current = "";
  const flush = () => {
    if (current !== "") segments.push({ key: current });
    current = "";
  };
  while (i < trimmed.length) {
    const ch = trimmed[i];
    if (ch === ".") {
      flush();
      i++;
    } else if (ch === "[") {
      flush();
      const close = trimmed.indexOf("]", i);
      const inner = close === -1 ? trimmed.slice(i + 1) : trimmed.slice(i + 1, close);
      i = close === -1 ? trimmed.length : close + 1;
      const selector = /^([A-Za-z0-9_-]+)=("?)(.*)\2$/.exec(inner);
      if (/^\d+$/.test(inner)) segments.push({ index: Number(inner) });
      else if (selector) segments.push({ match: { field: selector[1], value: selector[3] } });
      else segments.push({ key: inner });
    } else {
      current += ch;
      i++;
    }
  }
  flush();
  return segments;
}

export interface FieldPosition {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** False when only a parent of the path exists (e.g. a required field that is missing). */
  exact: boolean;
}

function scalarText(node: unknown): string | undefined {
  return isScalar(node) ? String(node.value) : undefined;
}

/**
 * The position of `path` in `doc`, or of its deepest existing ancestor (exact: false), or
 * undefined when not even the first segment exists. Keys point at the key, so the marker sits
 * on the line a person reads as "that field".
 */
export function findFieldPosition(doc: Document.Parsed, lineCounter: LineCounter, path: string): FieldPosition | undefined {
  let node: Node | null | undefined = doc.contents as Node | null;
  let range: [number, number] | undefined;
  let exact = true;
  for (const segment of parseFieldPath(path)) {
    let next: Node | null | undefined;
    let nextRange: [number, number] | undefined;
    if ("key" in segment && isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && scalarText(p.key) === segment.key);
      if (pair) {
        next = pair.value as Node | null;
        const keyRange = (pair.key as Node | null)?.range;
        const valueEnd = (pair.value as Node | null)?.range?.[1];
        if (keyRange) nextRange = [keyRange[0], valueEnd && isScalar(pair.value) ? valueEnd : keyRange[1]];
      }
    } else if ("index" in segment && isSeq(node)) {
      next = node.items[segment.index] as Node | undefined;
    } else if ("match" in segment && isSeq(node)) {
      next = node.items.find((item) => isMap(item) && item.items.some((p) => scalarText(p.key) === segment.match.field && scalarText(p.value) === segment.match.value)) as Node | undefined;
    }
    if (next === undefined && !nextRange) {
      exact = false;
      break;
    }
    node = next;
    range = nextRange ?? (next?.range ? [next.range[0], next.range[1]] : range);
  }
  if (!range) return undefined;
  const start = lineCounter.linePos(range[0]);
  const end = lineCounter.linePos(range[1]);
  return { line: start.line, column: start.col, endLine: end.line, endColumn: end.col, exact };
}
