/**
 * Label and field selectors with the grammar of
 * https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors
 * (=, ==, !=, in, notin, exists, !key) and the field selectors the real server supports for
 * the simulated kinds (metadata.name, metadata.namespace, status.phase, spec.nodeName).
 */
import type { KubeObject } from "@/server/sim/contract";
import { badRequest } from "@/server/sim/http/status";

export type Matcher = (obj: KubeObject) => boolean;

/** Splits on commas that are not inside parentheses: "a in (x,y),b" → ["a in (x,y)", "b"]. */
function splitTerms(selector: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of selector) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter(Boolean);
}

export function parseLabelSelector(selector: string | null): Matcher {
  if (!selector) return () => true;
  const tests = splitTerms(selector).map((term): ((labels: Record<string, string>) => boolean) => {
    let m = term.match(/^([^\s!=]+)\s+(in|notin)\s+\(([^)]*)\)$/);
    if (m) {
      const [, key, op, list] = m;
      const values = new Set(list.split(",").map((v) => v.trim()));
      return op === "in" ? (l) => key in l && values.has(l[key]) : (l) => !(key in l) || !values.has(l[key]);
    }
    m = term.match(/^([^\s!=]+)\s*(==|=|!=)\s*([^\s,]*)$/);
    if (m) {
      const [, key, op, value] = m;
      return op === "!=" ? (l) => l[key] !== value : (l) => l[key] === value;
    }
    m = term.match(/^!\s*([^\s!=]+)$/);
    if (m) return (l) => !(m![1] in l);
    if (/^[^\s!=()]+$/.test(term)) return (l) => term in l;
    throw badRequest(`unable to parse requirement: found '${term}', expected: in, notin, =, ==, !=, gt, lt`);
  });
  return (obj) => {
    const labels = obj.metadata.labels ?? {};
    return tests.every((t) => t(labels));
  };
}

const FIELD_GETTERS: Record<string, (o: KubeObject) => string | undefined> = {
  "metadata.name": (o) => o.metadata.name,
  "metadata.namespace": (o) => o.metadata.namespace ?? "",
  "status.phase": (o) => (o.status as { phase?: string } | undefined)?.phase ?? "",
  "spec.nodeName": (o) => (o.spec as { nodeName?: string } | undefined)?.nodeName ?? "",
  type: (o) => (o as { type?: string }).type ?? "",
  "involvedObject.name": (o) => (o as { involvedObject?: { name?: string } }).involvedObject?.name ?? "",
  "involvedObject.kind": (o) => (o as { involvedObject?: { kind?: string } }).involvedObject?.kind ?? "",
  "involvedObject.uid": (o) => (o as { involvedObject?: { uid?: string } }).involvedObject?.uid ?? "",
  "involvedObject.namespace": (o) => (o as { involvedObject?: { namespace?: string } }).involvedObject?.namespace ?? "",
};

/** Kinds that register a field-label conversion function in kube-apiserver (more than metadata fields). */
const OWN_FIELD_LABELS = new Set(["Pod", "Node", "Event", "Namespace", "Secret", "ReplicationController", "ReplicaSet", "Job"]);

export function parseFieldSelector(selector: string | null, kindName: string): Matcher {
  if (!selector) return () => true;
  const tests = splitTerms(selector).map((term) => {
    const m = term.match(/^([^!=]+?)\s*(==|=|!=)\s*(.*)$/);
    if (!m) throw badRequest(`invalid selector: '${selector}'; can't understand '${term}'`);
    const [, field, op, value] = m;
    const getter = FIELD_GETTERS[field];
    const podOnly = field === "spec.nodeName" || field === "status.phase";
    const eventOnly = field.startsWith("involvedObject.") || ["type", "reason", "source"].includes(field);
    if (!getter || (podOnly && kindName !== "Pod" && !(field === "status.phase" && kindName === "Namespace")) || (eventOnly && kindName !== "Event")) {
      // Kinds without their own field-label conversion answer with the generic metadata-only text.
      if (!OWN_FIELD_LABELS.has(kindName)) throw badRequest(`${JSON.stringify(field)} is not a known field selector: only "metadata.name", "metadata.namespace"`);
      throw badRequest(`field label not supported: ${field}`);
    }
    return op === "!=" ? (o: KubeObject) => getter(o) !== value : (o: KubeObject) => getter(o) === value;
  });
  return (obj) => tests.every((t) => t(obj));
}
