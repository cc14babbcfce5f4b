/**
 * StatefulSets and CronJobs (recordings 07e–07g). The StatefulSet replay checks the pods
 * `web-0`/`web-1` with claims `data-web-N`. The CronJob replays move the sim clock to the next
 * minute and compare the whole run with the recorded one: the Job's name, labels, annotation and
 * owner, the CronJob's and the Job's status as they end, the pod's exit, its log and the
 * controllers' events (in v1.32's words, see version-differences.ts).
 */
import type { ReplayContext, ReplayTable } from "@/server/sim/conformance/replay/replay-suite";
import type { Recording } from "@/server/sim/conformance/replay/recordings";
import { createAsRecorded, sleep, waitFor } from "@/server/sim/conformance/replay/fixtures";
import { ADDED_JOB_STATUS_FIELDS, ADDED_POD_CONDITIONS, COMPLETE_CONDITION_V132, reportedEventMessage } from "@/server/sim/conformance/replay/version-differences";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const keys = (o: Obj | undefined) => Object.keys(o ?? {}).sort().join(",");
const MINUTE = 60_000;

/** The recorded text with the recorded object names replaced by the sim's. */
function renamed(text: string, names: [string, string][]): string {
  return names.reduce((t, [from, to]) => t.split(from).join(to), text);
}

/** The status fields and conditions the reported v1.32 writes where v1.28 wrote `recorded`. */
function jobStatusAsV132(recorded: Obj, failed: boolean): { fields: string; conditions: string } {
  const fields = [...Object.keys(recorded), ...ADDED_JOB_STATUS_FIELDS].sort().join(",");
  const conds = (recorded.conditions as Obj[]).map((c) => ({ type: c.type, status: c.status, reason: c.reason ?? (c.type === "Complete" ? COMPLETE_CONDITION_V132.reason : undefined), message: c.message ?? (c.type === "Complete" ? COMPLETE_CONDITION_V132.message : undefined) }));
  conds.unshift({ ...conds[0], type: failed ? "FailureTarget" : "SuccessCriteriaMet" });
  return { fields, conditions: JSON.stringify(conds) };
}

async function replayCronJobRun(rec: Recording, ctx: ReplayContext): Promise<string[]> {
  const out = await createAsRecorded(ctx, rec);
  const cronJob = (rec.request!.body as Obj).metadata.name as string;
  const recordedJob = rec.job as Obj;
  const failed = (recordedJob.status.conditions as Obj[]).some((c) => c.type === "Failed");
  const due = Math.floor(ctx.sim.clock.now() / MINUTE) * MINUTE + MINUTE;
  ctx.sim.clock.set(due + 500);
  const jobName = `${cronJob}-${due / MINUTE}`;
  const jobPath = `/apis/batch/v1/namespaces/rec/jobs/${jobName}`;
  let job: Obj;
  let running: Obj;
  try {
    running = await waitFor(ctx, `/apis/batch/v1/namespaces/rec/cronjobs/${cronJob}`, (c) => c.status?.active?.length > 0, 10_000);
    job = await waitFor(ctx, jobPath, (j) => (j.status?.conditions ?? []).some((c: Obj) => ["Complete", "Failed"].includes(c.type)), 10_000);
  } catch (err) {
    const jobs = await names(ctx, "/apis/batch/v1/namespaces/rec/jobs");
    return [...out, `job ${jobName} (real ${recordedJob.metadata.name}) did not finish: ${(err as Error).message}; jobs: ${jobs}`];
  }
  const cj = await waitFor(ctx, `/apis/batch/v1/namespaces/rec/cronjobs/${cronJob}`, (c) => !c.status?.active && (failed || c.status?.lastSuccessfulTime));
  const pods = (await ctx.api("GET", `/api/v1/namespaces/rec/pods?labelSelector=job-name%3D${jobName}`)).body.items as Obj[];
  const differ = (what: string, real: unknown, sim: unknown) => {
    if (JSON.stringify(real) !== JSON.stringify(sim)) out.push(`${what}: real ${JSON.stringify(real)}, sim ${JSON.stringify(sim)}`);
  };
  const simNames: [string, string][] = [[(rec.pods as Obj[])[0].name, pods[0]?.metadata.name ?? "?"], [recordedJob.metadata.name, jobName]];

  differ("job labels", keys(recordedJob.metadata.labels), keys(job.metadata.labels));
  differ("job annotations", keys(recordedJob.metadata.annotations), keys(job.metadata.annotations));
  differ("scheduled timestamp", new Date(due).toISOString().replace(".000Z", "Z"), job.metadata.annotations?.["batch.kubernetes.io/cronjob-scheduled-timestamp"]);
  const owner = (o: Obj) => ({ ...o, uid: typeof o.uid });
  differ("job owner", recordedJob.metadata.ownerReferences.map(owner), (job.metadata.ownerReferences ?? []).map(owner));
  differ("job selector", keys(recordedJob.spec.selector.matchLabels), keys(job.spec.selector?.matchLabels));
  differ("job template labels", keys(recordedJob.spec.template.metadata.labels), keys(job.spec.template.metadata?.labels));
  const want = jobStatusAsV132(recordedJob.status, failed);
  differ("job status fields", want.fields, keys(job.status));
  differ("job conditions", want.conditions, JSON.stringify((job.status.conditions as Obj[]).map((c) => ({ type: c.type, status: c.status, reason: c.reason, message: c.message }))));
  for (const k of ["succeeded", "failed", "ready", "terminating"]) if (k in recordedJob.status) differ(`job status.${k}`, recordedJob.status[k], job.status[k]);

  const recordedCj = (rec.cronJobStatusTimeline as Obj[]).at(-1)!.status as Obj;
  differ("cronjob status fields", keys(recordedCj), keys(cj.status));
  differ("cronjob lastScheduleTime", new Date(due).toISOString().replace(".000Z", "Z"), cj.status.lastScheduleTime);
  if (!failed) differ("cronjob lastSuccessfulTime", job.status.completionTime, cj.status.lastSuccessfulTime);
  const activeRef = (rec.cronJobStatusTimeline as Obj[]).find((t) => t.status.active)?.status.active[0] as Obj;
  differ("active entry", keys(activeRef), keys(running.status.active[0]));

  const recordedPod = (rec.pods as Obj[])[0];
  differ("pods", 1, pods.length);
  const pod = pods[0] ?? { status: {} };
  differ("pod phase", recordedPod.status.phase, pod.status.phase);
  const term = (cs: Obj | undefined) => ({ exitCode: cs?.state?.terminated?.exitCode, reason: cs?.state?.terminated?.reason, lastState: cs?.lastState, restartCount: cs?.restartCount, ready: cs?.ready, started: cs?.started });
  differ("container", term(recordedPod.status.containerStatuses[0]), term(pod.status.containerStatuses?.[0]));
  const podConds = (p: Obj) => (p.status.conditions ?? []).filter((c: Obj) => !ADDED_POD_CONDITIONS.has(c.type)).map((c: Obj) => `${c.type}=${c.status}`).sort();
  differ("pod conditions", podConds(recordedPod), podConds(pod));
  const log = pod.metadata ? (await ctx.api("GET", `/api/v1/namespaces/rec/pods/${pod.metadata.name}/log`)).body : "";
  differ("pod log", rec.podLog, log);

  const events = async (kind: string, name: string) => ((await ctx.api("GET", `/api/v1/namespaces/rec/events?fieldSelector=involvedObject.name%3D${name}%2CinvolvedObject.kind%3D${kind}`)).body.items as Obj[]).map((e) => `${e.type} ${e.reason} ${e.message} (${e.source?.component})`).sort();
  const recordedEvents = (which: string) => ((rec.events as Obj)[which].summary as Obj[]).map((e) => `${e.type} ${e.reason} ${renamed(reportedEventMessage(e.message), simNames)} (${e.source?.component})`).sort();
  differ("cronjob events", recordedEvents("cronJob"), await events("CronJob", cronJob));
  differ("job events", recordedEvents("job"), await events("Job", jobName));
  return out;
}

async function names(ctx: ReplayContext, path: string): Promise<string[]> {
  return ((await ctx.api("GET", path)).body.items as Obj[]).map((o) => o.metadata.name).sort();
}

export const workloadsTable: ReplayTable = {
  title: "StatefulSets and CronJobs",
  sim: { controllerOptions: { tickMs: 50 } },
  cases: [
    {
      name: "07e-statefulset-volumeclaimtemplate",
      replay: async (rec, ctx) => {
        const out = await createAsRecorded(ctx, rec);
        await sleep(1000);
        const pods = await names(ctx, "/api/v1/namespaces/rec/pods?labelSelector=app%3Dweb");
        const claims = await names(ctx, "/api/v1/namespaces/rec/persistentvolumeclaims");
        const want = (rec.pods as Obj[]).map((p) => p.name).sort();
        const wantClaims = (rec.pvcs as Obj[]).map((p) => p.name).sort();
        if (JSON.stringify(pods) !== JSON.stringify(want)) out.push(`pods: real ${want}, sim ${pods}`);
        if (JSON.stringify(claims) !== JSON.stringify(wantClaims)) out.push(`claims: real ${wantClaims}, sim ${claims}`);
        return out;
      },
    },
    ...["07f-cronjob-job-success", "07g-cronjob-job-failure"].map((name) => ({ name, replay: replayCronJobRun })),
  ],
};
