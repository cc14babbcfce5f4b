/**
 * GET pods/{name}/log: picks the container instance the kubelet would (current, or the last
 * terminated one for `previous` or a container in CrashLoopBackOff), filters its deterministic
 * lines by sinceTime/sinceSeconds/tailLines, optionally prefixes timestamps, truncates at
 * limitBytes, and with follow keeps writing lines as they are produced until the container ends
 * or the client goes away (the timer is cleared on both).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { SimError, type KubeObject, type SimStore } from "@/server/sim/contract";
import { R } from "@/server/sim/controllers/resources";
import { simClock } from "@/server/sim/controllers/sim-clock";
import { permissionCrash } from "@/server/sim/controllers/volume-permissions";
import { containerSpecOf } from "@/server/sim/fs/pod-mounts";
import { scriptedOutput } from "@/server/sim/streams/container-output";
import { linesBetween, parseRfc3339, periodNs, rfc3339Nano, type Instance, type LogLine } from "@/server/sim/streams/log-lines";
import { containerStatusOf, resolveContainer, statusBody } from "@/server/sim/streams/resolve-container";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const msToNs = (iso: string) => BigInt(Date.parse(iso)) * 1_000_000n;

function instanceOf(store: SimStore, pod: KubeObject, container: string, previous: boolean): Instance {
  const cs = containerStatusOf(pod, container);
  const spec: Obj = containerSpecOf(pod, container) ?? {};
  const image = spec.image ?? "";
  const base = { podName: pod.metadata.name, image, lastWords: permissionCrash(pod.spec as Obj, spec)?.lastWords };
  const fromTerminated = (t: Obj): Instance => ({ ...base, script: scriptedOutput(store, t.containerID), id: t.containerID ?? `${pod.metadata.uid}/${container}`, startNs: msToNs(t.startedAt), endNs: msToNs(t.finishedAt), exitCode: t.exitCode });
  const last = cs?.lastState?.terminated;
  if (previous) {
    if (!last) throw new SimError(400, "BadRequest", `previous terminated container "${container}" in pod "${pod.metadata.name}" not found`);
    return fromTerminated(last);
  }
  if (cs?.state?.running) return { ...base, script: scriptedOutput(store, cs.containerID), id: cs.containerID, startNs: msToNs(cs.state.running.startedAt) };
  if (cs?.state?.terminated) return fromTerminated(cs.state.terminated);
  if (cs?.state?.waiting?.reason === "CrashLoopBackOff" && last) return fromTerminated(last);
  const reason = cs?.state?.waiting?.reason ?? "ContainerCreating";
  const why = reason === "ErrImagePull" || reason === "ImagePullBackOff" ? "trying and failing to pull image" : reason;
  throw new SimError(400, "BadRequest", `container "${container}" in pod "${pod.metadata.name}" is waiting to start: ${why}`);
}

function intParam(query: URLSearchParams, name: string): number | undefined {
  const v = query.get(name);
  if (v === null || v === "") return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new SimError(400, "BadRequest", `${name}: Invalid value: "${v}": must be a non-negative integer`);
  return n;
}

export function handleLog(store: SimStore, linesPerSecond: number, req: IncomingMessage, res: ServerResponse, pod: KubeObject, query: URLSearchParams): void {
  let inst: Instance;
  let container: string;
  let tail: number | undefined;
  let limitBytes: number | undefined;
  let sinceNs = 0n;
  try {
    container = resolveContainer(pod, query.get("container"));
    inst = instanceOf(store, pod, container, query.get("previous") === "true");
    tail = intParam(query, "tailLines");
    limitBytes = intParam(query, "limitBytes");
    const sinceSeconds = intParam(query, "sinceSeconds");
    const sinceTime = query.get("sinceTime");
    if (sinceTime && sinceSeconds !== undefined) {
      const message = "Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified";
      throw new SimError(422, "Invalid", `PodLogOptions "${pod.metadata.name}" is invalid: []: ${message}`, { name: pod.metadata.name, kind: "PodLogOptions", causes: [{ reason: "FieldValueForbidden", message, field: "[]" }] });
    }
    if (sinceTime) {
      const parsed = parseRfc3339(sinceTime);
      if (parsed === undefined) throw new SimError(400, "BadRequest", `parsing time "${sinceTime}" as "2006-01-02T15:04:05Z07:00": cannot parse "${sinceTime}" as "2006"`);
      sinceNs = parsed;
    } else if (sinceSeconds !== undefined) sinceNs = BigInt(simClock.now() - sinceSeconds * 1000) * 1_000_000n;
  } catch (err) {
    const e = err instanceof SimError ? err : new SimError(500, "InternalError", String(err));
    res.writeHead(e.code, { "Content-Type": "application/json" });
    res.end(statusBody(e));
    return;
  }
  const period = periodNs(linesPerSecond);
  const timestamps = query.get("timestamps") === "true";
  const follow = query.get("follow") === "true";
  let written = 0;
  let nextNs = sinceNs;
  let ended = false;
  // Assigned once below, but finish() (defined first) clears it, so it cannot be a const.
  // eslint-disable-next-line prefer-const
  let timer: NodeJS.Timeout | undefined;

  const finish = () => {
    if (ended) return;
    ended = true;
    if (timer) clearInterval(timer);
    res.end();
  };
  const write = (lines: LogLine[]) => {
    if (lines.length === 0) return;
    nextNs = lines[lines.length - 1].ns + 1n;
    let chunk = lines.map((l) => (timestamps ? `${rfc3339Nano(l.ns)} ${l.text}\n` : `${l.text}\n`)).join("");
    if (limitBytes !== undefined) {
      const buf = Buffer.from(chunk);
      if (written + buf.length >= limitBytes) {
        res.write(buf.subarray(0, limitBytes - written));
        written = limitBytes;
        finish();
        return;
      }
      chunk = buf.toString();
    }
    written += Buffer.byteLength(chunk);
    res.write(chunk);
  };

  res.writeHead(200, { "Content-Type": "text/plain", "Transfer-Encoding": "chunked", "Cache-Control": "no-cache, private" });
  // The container's start and end are stamped on the sim clock, so "now" for its lines is too.
  const nowNs = () => BigInt(simClock.now()) * 1_000_000n;
  const untilNs = nowNs();
  // A tail only needs the last `tail` periods (plus a failed instance's last words), not the
  // whole history since the container started; a script's lines are all at its start.
  const fromNs = tail === undefined || inst.script ? sinceNs : maxBigint(sinceNs, untilNs - BigInt(tail + 2) * period);
  const all = linesBetween(inst, period, fromNs, untilNs).lines;
  const lines = tail === undefined ? all : tail === 0 ? [] : all.slice(-tail);
  write(lines);
  // Follow from just after what was considered, even when the tail showed none of it.
  if (all.length > 0 && !ended) nextNs = all[all.length - 1].ns + 1n;
  else if (lines.length === 0) nextNs = maxBigint(sinceNs, fromNs);
  if (!follow || inst.endNs !== undefined || ended) return finish();

  const ns = pod.metadata.namespace;
  const name = pod.metadata.name;
  const intervalMs = Math.max(20, Math.min(500, Number(period / 1_000_000n)));
  timer = setInterval(() => {
    const current = store.get(R.pods, ns, name);
    const cs = current && containerStatusOf(current, container);
    const stillRunning = current?.metadata.uid === pod.metadata.uid && cs?.state?.running && cs.containerID === inst.id;
    if (!stillRunning) {
      const t = cs?.state?.terminated ?? cs?.lastState?.terminated;
      const end = t && t.containerID === inst.id ? msToNs(t.finishedAt) : nowNs();
      write(linesBetween({ ...inst, endNs: end, exitCode: t?.exitCode }, period, nextNs, end).lines);
      return finish();
    }
    write(linesBetween(inst, period, nextNs, nowNs()).lines);
  }, intervalMs);
  const stop = () => finish();
  req.on("close", stop);
  res.on("close", stop);
}

function maxBigint(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
