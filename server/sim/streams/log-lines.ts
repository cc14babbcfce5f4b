/**
 * Deterministic container output. Line n of a container instance is produced at
 * `startedAt + n × period`, so the log is a pure function of (pod, container, instance, time):
 * every request sees the same lines with the same timestamps, a resume with `sinceTime` just
 * after the last timestamp continues with no gap and no duplicate, and nothing is stored.
 */
import { fnv32a } from "@/server/sim/controllers/hash";
import { engineLineText } from "@/server/sim/streams/engine-log-lines";

export interface Instance {
  /** Seeds the text: container ID of this run. */
  id: string;
  podName: string;
  image: string;
  startNs: bigint;
  /** Set when the instance has terminated: no line is produced after it. */
  endNs?: bigint;
  exitCode?: number;
  /** What the process prints when the sim can run its command (container-output.ts): replaces the generated lines. */
  script?: string[];
  /** What a failed instance prints last, when its image has its own words (volume-permissions.ts). */
  lastWords?: string;
}

export interface LogLine {
  ns: bigint;
  text: string;
}

const PATHS = ["/", "/api/items", "/api/users", "/healthz", "/static/app.js", "/login", "/api/orders"];
const AGENTS = ["Mozilla/5.0 (X11; Linux x86_64)", "curl/8.5.0", "kube-probe/1.32", "Go-http-client/1.1"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function periodNs(linesPerSecond: number): bigint {
  return BigInt(Math.max(1, Math.round(1e9 / Math.max(0.001, linesPerSecond))));
}

function clf(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

export function lineText(inst: Instance, n: number, ns: bigint): string {
  const h = fnv32a(`${inst.id}/${n}`);
  const ms = Number(ns / 1_000_000n);
  const engineLine = engineLineText(inst.image, n, ms, h);
  if (engineLine !== undefined) return engineLine;
  if (n === 0) return `${inst.podName}: starting ${inst.image} (log line 0)`;
  const path = PATHS[h % PATHS.length];
  const status = h % 23 === 0 ? 404 : h % 41 === 0 ? 500 : 200;
  return `10.42.0.${(h >>> 8) % 250} - - [${clf(ms)}] "GET ${path} HTTP/1.1" ${status} ${(h >>> 4) % 9000 + 100} "-" "${AGENTS[(h >>> 12) % AGENTS.length]}" seq=${n}`;
}

/** Lines with index in [from, …) produced at or before `untilNs` (and before the end). */
export function linesBetween(inst: Instance, period: bigint, sinceNs: bigint, untilNs: bigint): { first: number; lines: LogLine[] } {
  const limit = inst.endNs !== undefined && inst.endNs < untilNs ? inst.endNs : untilNs;
  if (inst.script) return scriptLines(inst, inst.script, sinceNs, limit);
  let first = sinceNs <= inst.startNs ? 0 : Number((sinceNs - inst.startNs + period - 1n) / period);
  const lines: LogLine[] = [];
  for (let n = first; ; n++) {
    const ns = inst.startNs + BigInt(n) * period;
    if (ns > limit) break;
    lines.push({ ns, text: lineText(inst, n, ns) });
  }
  // A failed instance's last words, just after its last regular line.
  if (inst.exitCode && inst.endNs !== undefined && inst.endNs < untilNs && inst.endNs + 1n >= sinceNs) {
    lines.push({ ns: inst.endNs + 1n, text: inst.lastWords ?? `Error: fatal: exiting with code ${inst.exitCode}` });
  }
  if (lines.length === 0) first = -1;
  return { first, lines };
}

/** A scripted process prints everything as it starts (one microsecond apart, to keep the order). */
function scriptLines(inst: Instance, script: string[], sinceNs: bigint, limit: bigint): { first: number; lines: LogLine[] } {
  const lines = script.map((text, n) => ({ ns: inst.startNs + BigInt(n) * 1000n, text })).filter((l) => l.ns >= sinceNs && l.ns <= limit);
  return { first: lines.length ? script.length - lines.length : -1, lines };
}

/** Go's time.RFC3339Nano (trailing zeros trimmed), as `kubectl logs --timestamps` prints. */
export function rfc3339Nano(ns: bigint): string {
  const secs = ns / 1_000_000_000n;
  const frac = (ns % 1_000_000_000n).toString().padStart(9, "0").replace(/0+$/, "");
  return `${new Date(Number(secs) * 1000).toISOString().slice(0, 19)}${frac ? `.${frac}` : ""}Z`;
}

/** Parses RFC 3339 with up to nanosecond precision into epoch nanoseconds. */
export function parseRfc3339(text: string): bigint | undefined {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(ms)) return undefined;
  return BigInt(ms) * 1_000_000n + BigInt((m[2] ?? "").padEnd(9, "0") || "0");
}
