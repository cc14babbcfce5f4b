/**
 * StatefulSets and CronJobs (recordings 07e–07g). 07e is replayed through its rolling update:
 * the pods `web-N` with the real identity labels, hostname and claim volumes, the claims
 * `data-web-N` labelled from the selector and Bound, the status fields a real server prints,
 * the controller's event texts and one ControllerRevision per template. Timings are the sim's
 * (scaled), not the recording's. The CronJob replays move the sim clock to the next minute and
 * compare the whole run with the recorded one: the Job's name, labels, annotation and owner, the
 * CronJob's and the Job's status as they end, the pod's exit, its log and the controllers'
 * events (in v1.32's words, see version-differences.ts).
 */
import type { ReplayContext, ReplayTable } from "@/server/sim/conformance/replay/replay-suite";
import type { Recording } from "@/server/sim/conformance/replay/recordings";
import { createAsRecorded, waitFor } from "@/server/sim/conformance/replay/fixtures";
import { sendRecorded } from "@/server/sim/conformance/replay/send-request";
import { stableStringify } from "@/server/sim/controllers/hash";
import { ADDED_JOB_STATUS_FIELDS, ADDED_POD_CONDITIONS, COMPLETE_CONDITION_V132, reportedEventMessage } from "@/server/sim/conformance/replay/version-differences";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function items(ctx: ReplayContext, path: string): Promise<Obj[]> {
  return ((await ctx.api("GET", path)).body.items as Obj[]).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
}

async function names(ctx: ReplayContext, path: string): Promise<string[]> {
  return (await items(ctx, path)).map((o) => o.metadata.name);
}

const differ = (what: string, real: unknown, sim: unknown) => (stableStringify(real) === stableStringify(sim) ? [] : [`${what}: real ${stableStringify(real)}, sim ${stableStringify(sim)}`]);

/** Names, labels (the revision hash as the sim's own), owner, hostname, subdomain and volumes of each pod. */
function comparePods(rec: Recording, pods: Obj[], revision: string): string[] {
  const want = (rec.pods as Obj[]).map((p) => ({ name: p.name, labels: { ...p.labels, "controller-revision-hash": revision }, owner: [p.ownerReferences[0].kind, p.ownerReferences[0].controller, p.ownerReferences[0].blockOwnerDeletion], hostname: p.hostname, subdomain: p.subdomain, volumes: p.volumes }));
  const got = pods.map((p) => ({ name: p.metadata.name, labels: p.metadata.labels, owner: [p.metadata.ownerReferences?.[0]?.kind, p.metadata.ownerReferences?.[0]?.controller, p.metadata.ownerReferences?.[0]?.blockOwnerDeletion], hostname: p.spec.hostname, subdomain: p.spec.subdomain, volumes: (p.spec.volumes ?? []).filter((v: Obj) => v.persistentVolumeClaim) }));
  return differ("pods", want, got);
}

/** Names, labels, phase and annotation names of each claim (the node and volume names are the sim's). */
function compareClaims(rec: Recording, claims: Obj[]): string[] {
  const want = (rec.pvcs as Obj[]).map((c) => ({ name: c.name, labels: c.labels, phase: c.phase, annotations: Object.keys(c.annotations).sort() }));
  const got = claims.map((c) => ({ name: c.metadata.name, labels: c.metadata.labels, phase: c.status?.phase, annotations: Object.keys(c.metadata.annotations ?? {}).sort() }));
  return differ("claims", want, got);
}

/** The same fields with the same counts; revision names are hashes of each side's own serialisation. */
function compareStatus(what: string, real: Obj, sim: Obj): string[] {
  const shape = (s: Obj) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, k.endsWith("Revision") ? typeof v : v]).sort(([a], [b]) => (a < b ? -1 : 1)));
  return differ(what, shape(real), shape(sim));
}

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

export const workloadsTable: ReplayTable = {
  title: "StatefulSets and CronJobs",
  sim: { controllerOptions: { tickMs: 50 } },
  cases: [
    {
      name: "07e-statefulset-volumeclaimtemplate",
      replay: async (rec, ctx) => {
        const out = await createAsRecorded(ctx, rec);
        if (out.length > 0) return out;
        const path = "/apis/apps/v1/namespaces/rec/statefulsets/web";
        const settled = (sts: Obj) => sts.status?.readyReplicas === 2 && sts.status.updatedReplicas === 2 && sts.status.currentRevision === sts.status.updateRevision;
        const first = await waitFor(ctx, path, settled);
        out.push(...comparePods(rec, await items(ctx, "/api/v1/namespaces/rec/pods?labelSelector=app%3Dweb"), first.status.updateRevision));
        out.push(...compareClaims(rec, await items(ctx, "/api/v1/namespaces/rec/persistentvolumeclaims")));
        const initial = (rec.initialRolloutTimeline as Obj[]).at(-1)!.status as Obj;
        out.push(...compareStatus("initial status", initial, first.status));
        const update = await sendRecorded(ctx.sim, rec.updateRequest as Recording["request"] & object);
        if (update.status !== rec.updateResponseStatus) out.push(`update: real ${rec.updateResponseStatus}, sim ${update.status}`);
        const last = await waitFor(ctx, path, (sts) => sts.metadata.generation === 2 && settled(sts));
        out.push(...compareStatus("final status", rec.finalStatus as Obj, last.status));
        if (last.status.updateRevision === first.status.updateRevision) out.push("the update kept the revision");
        const revisions = (await items(ctx, "/apis/apps/v1/namespaces/rec/controllerrevisions")).map((r) => `${r.revision} ${Object.keys(r.metadata.labels).sort()}`).sort();
        const wantRevisions = (rec.controllerRevisions as Obj[]).map((r) => `${r.revision} ${Object.keys(r.labels).sort()}`).sort();
        if (JSON.stringify(revisions) !== JSON.stringify(wantRevisions)) out.push(`controllerrevisions: real ${wantRevisions}, sim ${revisions}`);
        const messages = new Set((await items(ctx, "/api/v1/namespaces/rec/events")).filter((e) => e.involvedObject.kind === "StatefulSet").map((e) => `${e.reason} ${e.source.component} ${e.message}`));
        for (const e of (rec.events as Obj).summary as Obj[]) {
          // The recording's pod web-1 exited on SIGTERM and was recreated (RecreatingTerminatedPod, a FailedDelete race); the sim's pods stop at once.
          if (["RecreatingTerminatedPod", "FailedDelete"].includes(e.reason)) continue;
          if (!messages.has(`${e.reason} ${e.source.component} ${e.message}`)) out.push(`event missing: ${e.reason} ${e.message}`);
        }
        return out;
      },
    },
    ...["07f-cronjob-job-success", "07g-cronjob-job-failure"].map((name) => ({ name, replay: replayCronJobRun })),
  ],
};
