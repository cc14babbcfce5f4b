/**
 * What "the same answer" means: the status code, the headers clients read (Content-Type, every
 * Warning line), and the body — a `Status` compared key for key, strings exact except for the
 * run-specific tokens a real server puts in them (uids, resourceVersions, times, hashes).
 */
import type { Answer } from "@/server/sim/conformance/replay/send-request";
import type { Recording } from "@/server/sim/conformance/replay/recordings";

const VOLATILE: Array<[RegExp, string]> = [
  [/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "[0-9a-f-]{36}"],
  [/[0-9a-f]{64}/g, "[0-9a-f]{64}"],
  [/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z"],
  // Generated name suffixes (pod-template-hash, generateName) use this alphabet only.
  [/(?<=-)[bcdfghjklmnpqrstvwxz2456789]{5,10}\b/g, "[bcdfghjklmnpqrstvwxz2456789]{5,10}"],
  // resourceVersions, sizes and ports: any number of three digits or more.
  [/\d{3,}/g, "\\d+"],
];

const PLACEHOLDER = (i: number) => `\u0000${i}\u0000`;

/** A recorded string as a pattern: literal text, with run-specific tokens as wildcards. */
export function messagePattern(recorded: string): RegExp {
  const found: string[] = [];
  let text = recorded;
  for (const [token, pattern] of VOLATILE) {
    text = text.replace(token, () => {
      found.push(pattern);
      return PLACEHOLDER(found.length - 1);
    });
  }
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${escaped.replace(/\u0000(\d+)\u0000/g, (_, i: string) => found[Number(i)])}$`, "s");
}

const show = (v: unknown) => (v === undefined ? "(absent)" : JSON.stringify(v));

/** Deep comparison; strings by `messagePattern`, objects key for key. */
export function sameShape(recorded: unknown, observed: unknown, at = "body"): string[] {
  if (typeof recorded === "string") {
    return typeof observed === "string" && messagePattern(recorded).test(observed) ? [] : [`${at}: real ${show(recorded)}, sim ${show(observed)}`];
  }
  if (recorded === null || typeof recorded !== "object") return recorded === observed ? [] : [`${at}: real ${show(recorded)}, sim ${show(observed)}`];
  if (observed === null || typeof observed !== "object" || Array.isArray(recorded) !== Array.isArray(observed)) return [`${at}: real ${show(recorded)}, sim ${show(observed)}`];
  if (Array.isArray(recorded)) {
    const obs = observed as unknown[];
    if (recorded.length !== obs.length) return [`${at}: real has ${recorded.length} items ${show(recorded)}, sim ${obs.length} ${show(obs)}`];
    return recorded.flatMap((r, i) => sameShape(r, obs[i], `${at}[${i}]`));
  }
  const rec = recorded as Record<string, unknown>;
  const obs = observed as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(rec), ...Object.keys(obs)])];
  return keys.flatMap((k) => (k in rec ? (k in obs ? sameShape(rec[k], obs[k], `${at}.${k}`) : [`${at}.${k}: real ${show(rec[k])}, sim (absent)`]) : [`${at}.${k}: real (absent), sim ${show(obs[k])}`]));
}

function headerList(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

export function compareHeaders(recorded: Record<string, string | string[]>, observed: Record<string, string | string[]>): string[] {
  const out: string[] = [];
  if (recorded["content-type"] !== observed["content-type"]) out.push(`Content-Type: real ${show(recorded["content-type"])}, sim ${show(observed["content-type"])}`);
  const rw = headerList(recorded.warning);
  const ow = headerList(observed.warning);
  if (JSON.stringify(rw) !== JSON.stringify(ow)) out.push(`Warning: real ${show(rw)}, sim ${show(ow)}`);
  return out;
}

export function pick(obj: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), obj);
}

/**
 * The parts of a returned object that say what the server did with it, not the run: kind,
 * name and namespace, whether it was stored (resourceVersion), deletion state, plus `fields`.
 */
export function objectProjection(body: unknown, fields: string[] = []): Record<string, unknown> {
  const b = body as Record<string, unknown> | undefined;
  const meta = (b?.metadata ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {
    kind: b?.kind,
    apiVersion: b?.apiVersion,
    name: meta.name,
    namespace: meta.namespace,
    stored: meta.resourceVersion !== undefined,
    deleting: meta.deletionTimestamp !== undefined,
    finalizers: meta.finalizers,
  };
  if (Array.isArray(b?.items)) out.items = (b.items as Array<{ metadata?: { name?: string } }>).map((i) => i.metadata?.name);
  for (const f of fields) out[f] = pick(b, f);
  return JSON.parse(JSON.stringify(out)) as Record<string, unknown>;
}

export interface CompareOptions {
  /** Extra dotted paths of the returned object to compare (success answers). */
  fields?: string[];
}

/** Differences between the recorded answer and the sim's (empty when they agree). */
export function compareAnswer(rec: Recording, answer: Answer, opts: CompareOptions = {}): string[] {
  const real = rec.response!;
  const out: string[] = [];
  if (real.status !== answer.status) out.push(`status: real ${real.status}, sim ${answer.status}`);
  // Some recordings kept only the body (a state snapshot): no headers to compare then.
  if (real.headers) out.push(...compareHeaders(real.headers, answer.headers));
  const body = real.body;
  if (body === undefined) return out;
  if (typeof body === "string") out.push(...sameShape(body, answer.text));
  else if ((body as { kind?: string }).kind === "Status") out.push(...sameShape(body, answer.body));
  else out.push(...sameShape(objectProjection(body, opts.fields), objectProjection(answer.body, opts.fields)));
  return out;
}
