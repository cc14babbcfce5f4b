/**
 * StatefulSets and CronJobs (recordings 07e–07g). 07e is replayed through its rolling update:
 * the pods `web-N` with the real identity labels, hostname and claim volumes, the claims
 * `data-web-N` labelled from the selector and Bound, the status fields a real server prints,
 * the controller's event texts and one ControllerRevision per template. Timings are the sim's
 * (scaled), not the recording's. The sim runs no CronJob controller yet (issue 15), so 07f/07g
 * check only for a Job named `<cronjob>-<minutes since epoch>` once the schedule came round.
 */
import type { ReplayContext, ReplayTable } from "@/server/sim/conformance/replay/replay-suite";
import type { Recording } from "@/server/sim/conformance/replay/recordings";
import { createAsRecorded, sleep, waitFor } from "@/server/sim/conformance/replay/fixtures";
import { sendRecorded } from "@/server/sim/conformance/replay/send-request";
import { stableStringify } from "@/server/sim/controllers/hash";

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
    ...["07f-cronjob-job-success", "07g-cronjob-job-failure"].map((name) => ({
      name,
      replay: async (rec: Recording, ctx: ReplayContext) => {
        const out = await createAsRecorded(ctx, rec);
        await sleep(1000);
        const cronJob = (rec.request!.body as Obj).metadata.name as string;
        const jobs = (await names(ctx, "/apis/batch/v1/namespaces/rec/jobs")).filter((j) => j.startsWith(`${cronJob}-`));
        if (!jobs.every((j) => /-\d{8}$/.test(j)) || jobs.length === 0) out.push(`jobs of ${cronJob}: real ${(rec.job as Obj).metadata.name}, sim ${JSON.stringify(jobs)}`);
        return out;
      },
    })),
  ],
};
