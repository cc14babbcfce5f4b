/**
 * pods/log (recordings 06*): error answers word for word; for logs, what a client relies on —
 * Content-Type, the line count a tail/since/limit gives, the RFC 3339 timestamp prefix, a follow
 * that sends the backlog at once and then one line per second, previous-container logs. The
 * text itself is the container's own (the recorded pods ran `echo "line N"`; the sim's write
 * their simulated output), so it is not compared.
 */
import type { ReplayContext, ReplayTable } from "@/server/sim/conformance/replay/replay-suite";
import { compareAnswer } from "@/server/sim/conformance/replay/compare-answer";
import { createObject, runningPod, sleep, waitFor } from "@/server/sim/conformance/replay/fixtures";
import type { Recording } from "@/server/sim/conformance/replay/recordings";
import { sendRecorded, type Answer } from "@/server/sim/conformance/replay/send-request";

const PODS = "/api/v1/namespaces/rec/pods";
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z /;

type Text = { text?: string };
const lineTexts = (body: string) => body.split("\n").slice(0, -1);
const timestamped = (lines: Text[]) => lines.every((l) => TIMESTAMP.test(l.text ?? ""));

/**
 * The answer's head (status, Content-Type, a Status body), then the log's shape: `lines` when
 * the request fixes the count (tail, since), `bytes` for limitBytes, else only "some log".
 */
function compareLog(rec: Recording, answer: Answer, measure: "lines" | "bytes" | "some"): string[] {
  const body = rec.response!.body as string;
  const out = compareAnswer({ ...rec, response: { ...rec.response!, body: undefined } }, answer);
  const real = lineTexts(body);
  const sim = lineTexts(answer.text);
  if (measure === "bytes") {
    if (Buffer.byteLength(body) !== Buffer.byteLength(answer.text)) out.push(`log bytes: real ${Buffer.byteLength(body)}, sim ${Buffer.byteLength(answer.text)}`);
    return out;
  }
  if (measure === "lines" && real.length !== sim.length) out.push(`log lines: real ${real.length} ${JSON.stringify(real)}, sim ${sim.length} ${JSON.stringify(sim)}`);
  if (measure === "some" && (sim.length === 0 || !answer.text.endsWith("\n"))) out.push(`log: real ${JSON.stringify(body)}, sim ${JSON.stringify(answer.text)}`);
  const wantsTimestamps = timestamped(real.map((text) => ({ text })));
  if (wantsTimestamps !== timestamped(sim.map((text) => ({ text })))) out.push(`timestamps: real ${wantsTimestamps}, sim ${JSON.stringify(sim.slice(0, 2))}`);
  return out;
}

/**
 * A follow: the backlog in the first chunk (`backlog` lines, or a range where the sim's clock
 * decides), then a line about every second, ended as recorded.
 */
function compareFollow(rec: Recording, answer: Answer, backlog: number | [number, number]): string[] {
  const out = compareAnswer({ ...rec, response: { ...rec.response!, body: undefined } }, answer);
  const first = answer.lines[0]?.tMs ?? 0;
  const atOnce = answer.lines.filter((l) => l.tMs - first < 100).length;
  const [min, max] = typeof backlog === "number" ? [backlog, backlog] : backlog;
  if (atOnce < min || atOnce > max) out.push(`backlog: expected ${min}–${max} lines at once, sim ${atOnce} ${JSON.stringify(answer.lines.slice(0, 6))}`);
  const later = answer.lines.slice(atOnce);
  const gaps = later.slice(1).map((l, i) => l.tMs - later[i].tMs);
  if (gaps.some((g) => g < 700 || g > 1300)) out.push(`follow: lines should come one a second, sim gaps ${JSON.stringify(gaps)}`);
  if (rec.lines?.some((l) => TIMESTAMP.test(l.text ?? "")) && !timestamped(answer.lines)) out.push("follow: lines lack the timestamp prefix");
  const realEnd = rec.endedBy?.startsWith("client") ? "client" : "server";
  const simEnd = answer.endedBy.startsWith("client") ? "client" : "server";
  if (realEnd !== simEnd) out.push(`stream end: real ${rec.endedBy}, sim ${answer.endedBy}`);
  return out;
}

async function startedAt(ctx: ReplayContext, pod: string): Promise<number> {
  const p = (await ctx.api("GET", `${PODS}/${pod}`)).body;
  return Date.parse(p.status.containerStatuses[0].state.running.startedAt);
}

/** The recorded path with `sinceTime` moved to the same offset from the sim container's start. */
async function sinceTimeFromStart(rec: Recording, ctx: ReplayContext) {
  const offsetMs = Date.parse("2026-12-01T10:06:53Z") - Date.parse(String(rec.containerStartedAt));
  const since = new Date((await startedAt(ctx, "logger")) + offsetMs).toISOString().replace(/\.\d+Z$/, "Z");
  return { ...rec.request!, path: rec.request!.path.replace(/sinceTime=[^&]+/, `sinceTime=${encodeURIComponent(since)}`) };
}

export const logsTable: ReplayTable = {
  title: "pod logs",
  sim: { logRate: 1, controllerOptions: { tickMs: 50 } },
  setup: async (ctx) => {
    await runningPod(ctx, "logger", { containers: [{ name: "app", image: "busybox:1.36" }] });
    await createObject(ctx, PODS, { apiVersion: "v1", kind: "Pod", metadata: { name: "crash" }, spec: { containers: [{ name: "app", image: "busybox:crashloop" }] } });
    await createObject(ctx, PODS, { apiVersion: "v1", kind: "Pod", metadata: { name: "img-missing" }, spec: { containers: [{ name: "app", image: "berth-test/web:notfound" }] } });
    await runningPod(ctx, "multi", { initContainers: [{ name: "init", image: "busybox:1.36" }], containers: [{ name: "a", image: "busybox:1.36" }, { name: "b", image: "busybox:1.36" }] });
    await waitFor(ctx, `${PODS}/crash`, (p) => p.status?.containerStatuses?.[0]?.state?.waiting?.reason === "CrashLoopBackOff");
    await waitFor(ctx, `${PODS}/img-missing`, (p) => /ImagePullBackOff|ErrImagePull/.test(p.status?.containerStatuses?.[0]?.state?.waiting?.reason ?? ""));
    // The recorder read the logger's log ~18 s after it started; 6 lines cover every case here.
    await sleep(Math.max(0, 6500 - (Date.now() - (await startedAt(ctx, "logger")))));
  },
  cases: [
    {
      name: "06-1-log-follow-timestamps-sincetime",
      replay: async (rec, ctx) => {
        // One line a second from the container's start; the recorder asked from line 4 on.
        const started = await startedAt(ctx, "logger");
        const produced = Math.floor((Date.now() - started) / 1000) + 1;
        const answer = await sendRecorded(ctx.sim, await sinceTimeFromStart(rec, ctx), { holdMs: 2500 });
        return compareFollow(rec, answer, [produced - 4, produced - 3]);
      },
    },
    { name: "06-2-log-tail-timestamps", replay: async (rec, ctx) => compareLog(rec, await sendRecorded(ctx.sim, rec.request!), "lines") },
    { name: "06-3-log-since-seconds", replay: async (rec, ctx) => compareLog(rec, await sendRecorded(ctx.sim, rec.request!), "lines") },
    { name: "06-4-log-limit-bytes", replay: async (rec, ctx) => compareLog(rec, await sendRecorded(ctx.sim, rec.request!), "bytes") },
    { name: "06-5-log-previous-never-restarted" },
    { name: "06-6-log-previous-restarted", replay: async (rec, ctx) => compareLog(rec, await sendRecorded(ctx.sim, rec.request!), "some") },
    { name: "06-7-log-current-crashloop", replay: async (rec, ctx) => compareLog(rec, await sendRecorded(ctx.sim, rec.request!), "some") },
    { name: "06-8-log-follow-crashloop", replay: async (rec, ctx) => compareFollow(rec, await sendRecorded(ctx.sim, rec.request!, { holdMs: 3000 }), [1, 1000]) },
    { name: "06-9-log-image-pull-backoff" },
    { name: "06-10-log-multi-container-no-name" },
    { name: "06-11-log-multi-container-b", replay: async (rec, ctx) => compareLog(rec, await sendRecorded(ctx.sim, rec.request!), "some") },
    { name: "06-12-log-init-container", replay: async (rec, ctx) => compareLog(rec, await sendRecorded(ctx.sim, rec.request!), "some") },
    { name: "06-13-log-bad-container" },
    { name: "06-14-log-pod-not-found" },
    { name: "06-15-log-bad-sincetime" },
    { name: "06-16-log-since-both" },
    { name: "06-17-log-follow-taillines", replay: async (rec, ctx) => compareFollow(rec, await sendRecorded(ctx.sim, rec.request!, { holdMs: 2500 }), 2) },
  ],
};
