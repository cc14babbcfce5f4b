/**
 * Drift: a field Berth applied has a different value in the cluster now, because something else
 * (kubectl edit, another controller, a person in a hurry) changed it. Pure: it compares what
 * Berth applied with the live object and names, from `managedFields`, who holds the field now.
 * Only fields Berth set are compared, so defaults the API server adds are never drift.
 * https://kubernetes.io/docs/reference/using-api/server-side-apply/#field-management
 */
import { parseQuantity } from "@/lib/schemas/quantity";
import { FIELD_MANAGER } from "@/server/kube/apply-object";
import type { KubeObject, ManagedFieldsEntry } from "@/server/kube/kube-object";

export interface DriftedField {
  /** `.spec.template.spec.containers[name=web].image` */
  path: string;
  expected: unknown;
  actual: unknown;
  /** The field manager that owns the live value, when managedFields says. */
  manager?: string;
}

export interface ObjectDrift {
  kind: string;
  namespace?: string;
  name: string;
  /** The object is gone from the cluster. */
  isMissing: boolean;
  fields: DriftedField[];
}

type Segment = { key: string } | { itemKey: string; itemValue: unknown } | { index: number };

/** Compares one applied object with its live copy; undefined when nothing drifted. */
export function findDrift(applied: KubeObject, live: KubeObject | undefined): ObjectDrift | undefined {
  const base = { kind: applied.kind, namespace: applied.metadata.namespace, name: applied.metadata.name };
  if (!live) return { ...base, isMissing: true, fields: [] };
  const fields: Collected[] = [];
  const { metadata, ...rest } = applied;
  const expected: Record<string, unknown> = { ...rest, metadata: { labels: metadata.labels, annotations: metadata.annotations } };
  delete expected.apiVersion;
  delete expected.kind;
  delete expected.status;
  if (applied.kind === "Secret") {
    // stringData is write-only and revisions hold redacted values: compare key sets only.
    const keys = Object.keys((applied.stringData as Record<string, string> | undefined) ?? {}).concat(Object.keys((applied.data as Record<string, string> | undefined) ?? {}));
    const liveKeys = Object.keys((live.data as Record<string, string> | undefined) ?? {});
    for (const key of keys) if (!liveKeys.includes(key)) fields.push({ path: `.data.${key}`, expected: "(set)", actual: undefined });
    delete expected.stringData;
    delete expected.data;
  }
  compare(expected, live as unknown, [], fields);
  for (const field of fields) field.manager = ownerOf(live.metadata.managedFields ?? [], field.segments);
  if (fields.length === 0) return undefined;
  return { ...base, isMissing: false, fields: fields.map(({ path, expected: e, actual, manager }) => ({ path, expected: e, actual, manager })) };
}

type Collected = DriftedField & { segments?: Segment[] };

function compare(expected: unknown, actual: unknown, segments: Segment[], out: Collected[]): void {
  if (expected === undefined || expected === null) return;
  if (Array.isArray(expected)) {
    const list = Array.isArray(actual) ? actual : [];
    expected.forEach((item, index) => {
      const key = itemKeyOf(item);
      if (key) {
        const match = list.find((candidate) => isRecord(candidate) && candidate[key] === (item as Record<string, unknown>)[key]);
        const segment = { itemKey: key, itemValue: (item as Record<string, unknown>)[key] };
        if (match === undefined) out.push({ path: format([...segments, segment]), expected: item, actual: undefined, segments: [...segments, segment] });
        else compare(item, match, [...segments, segment], out);
      } else {
        compare(item, list[index], [...segments, { index }], out);
      }
    });
    return;
  }
  if (isRecord(expected)) {
    const object = isRecord(actual) ? actual : {};
    for (const [key, value] of Object.entries(expected)) compare(value, object[key], [...segments, { key }], out);
    return;
  }
  if (!sameScalar(expected, actual)) out.push({ path: format(segments), expected, actual, segments });
}

/** Lists Kubernetes merges by key: containers, env, volumes and ports by name. */
function itemKeyOf(item: unknown): string | undefined {
  if (!isRecord(item)) return undefined;
  if (typeof item.name === "string") return "name";
  if (typeof item.mountPath === "string") return "mountPath";
  if (typeof item.containerPort === "number") return "containerPort";
  if (typeof item.port === "number" && !("http" in item)) return "port";
  if (typeof item.host === "string") return "host";
  return undefined;
}

function sameScalar(expected: unknown, actual: unknown): boolean {
  if (expected === actual) return true;
  if (typeof expected === "string" && typeof actual === "string") {
    const a = parseQuantity(expected);
    const b = parseQuantity(actual);
    return a !== undefined && b !== undefined && Math.abs(a - b) < 1e-9;
  }
  if (typeof expected === "number" || typeof actual === "number") return String(expected) === String(actual);
  return false;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function format(segments: Segment[]): string {
  return segments
    .map((s) => ("key" in s ? `.${s.key}` : "index" in s ? `[${s.index}]` : `[${s.itemKey}=${String(s.itemValue)}]`))
    .join("");
}

/** The first manager other than Berth whose field set contains the path (or its closest parent item). */
function ownerOf(entries: ManagedFieldsEntry[], segments: Segment[] | undefined): string | undefined {
  if (!segments) return undefined;
  let best: { manager: string; depth: number } | undefined;
  for (const entry of entries) {
    if (!entry.manager || entry.manager === FIELD_MANAGER || !entry.fieldsV1) continue;
    let node: Record<string, unknown> | undefined = entry.fieldsV1;
    let depth = 0;
    for (const segment of segments) {
      const next: unknown = node ? childOf(node, segment) : undefined;
      if (!isRecord(next)) break;
      node = next;
      depth++;
    }
    if (depth === segments.length && (!best || depth > best.depth)) best = { manager: entry.manager, depth };
  }
  return best?.manager;
}

function childOf(node: Record<string, unknown>, segment: Segment): unknown {
  if ("key" in segment) return node[`f:${segment.key}`];
  if ("index" in segment) return undefined;
  const needle = `"${segment.itemKey}":${JSON.stringify(segment.itemValue)}`;
  const key = Object.keys(node).find((k) => k.startsWith("k:") && k.includes(needle));
  return key ? node[key] : undefined;
}
