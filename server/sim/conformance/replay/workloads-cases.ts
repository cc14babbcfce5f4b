/**
 * StatefulSets and CronJobs (recordings 07e–07g). The sim stores both kinds but runs no
 * controller for them yet (issues 14 and 15), so these replays check only the first thing the
 * real controllers did — the pods `web-0`/`web-1` with claims `data-web-N`, a Job named
 * `<cronjob>-<minutes since epoch>` once the schedule came round — within the sim's (scaled) time.
 */
import type { ReplayContext, ReplayTable } from "@/server/sim/conformance/replay/replay-suite";
import type { Recording } from "@/server/sim/conformance/replay/recordings";
import { createAsRecorded, sleep } from "@/server/sim/conformance/replay/fixtures";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

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
