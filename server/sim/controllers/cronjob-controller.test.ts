import { afterEach, describe, expect, it } from "vitest";
import type { KubeObject, SimController } from "@/server/sim/contract";
import { applyDefaults } from "@/server/sim/validate/apply-defaults";
import { R } from "@/server/sim/controllers/resources";
import { simClock } from "@/server/sim/controllers/sim-clock";
import { startControllers } from "@/server/sim/controllers/start-controllers";
import { createTestStore } from "@/server/sim/controllers/test-store";
import { waitFor } from "@/server/sim/controllers/test-helpers";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
let ctl: SimController | undefined;
afterEach(() => {
  ctl?.stop();
  simClock.reset();
});

const MINUTE = 60_000;

function setup() {
  // Start just after a minute boundary so "the next minute" is always ahead.
  simClock.set(Math.floor(Date.now() / MINUTE) * MINUTE + 1000);
  const store = createTestStore();
  ctl = startControllers(store, { tickMs: 10, secondMs: 100 });
  const cronJob = (name: string, spec: Obj, command = ["sh", "-c", "echo hello from cron"]) =>
    store.create(R.cronjobs, applyDefaults({
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: { name, namespace: "default" },
      spec: { schedule: "*/1 * * * *", ...spec, jobTemplate: { metadata: { labels: { task: name } }, spec: { backoffLimit: 0, ...(spec.jobSpec ?? {}), template: { spec: { restartPolicy: "Never", containers: [{ name: "task", image: "busybox:1.36", command }] } } } } },
    } as KubeObject));
  const cj = (name: string) => store.get(R.cronjobs, "default", name) as Obj;
  const jobs = (prefix: string) => store.list(R.jobs, "default").filter((j) => j.metadata.name.startsWith(`${prefix}-`)) as Obj[];
  const events = (name: string) => store.list(R.events, "default").filter((e) => (e.involvedObject as Obj).name === name).map((e) => `${e.type} ${e.reason} ${e.message}`);
  return { store, cronJob, cj, jobs, events };
}

describe("simulated CronJob controller", () => {
  it("starts a Job named for the scheduled minute when the clock reaches it, and records its success", async () => {
    const { cronJob, cj, jobs, events } = setup();
    const created = cronJob("report", { concurrencyPolicy: "Forbid" });
    await new Promise((r) => setTimeout(r, 50));
    expect(jobs("report")).toEqual([]);
    const due = Math.floor(simClock.now() / MINUTE) * MINUTE + MINUTE;
    simClock.advance(MINUTE);
    const job = await waitFor(() => jobs("report")[0], 2000, "the scheduled job");
    expect(job.metadata.name).toBe(`report-${due / MINUTE}`);
    expect(job.metadata.annotations["batch.kubernetes.io/cronjob-scheduled-timestamp"]).toBe(new Date(due).toISOString().replace(".000Z", "Z"));
    expect(job.metadata.ownerReferences).toEqual([{ apiVersion: "batch/v1", kind: "CronJob", name: "report", uid: created.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(job.metadata.labels.task).toBe("report");
    expect(job.spec.template.metadata.labels["batch.kubernetes.io/job-name"]).toBe(job.metadata.name);
    await waitFor(() => cj("report").status?.lastSuccessfulTime, 3000, "lastSuccessfulTime");
    expect(cj("report").status.active).toBeUndefined();
    expect(cj("report").status.lastScheduleTime).toBe(new Date(due).toISOString().replace(".000Z", "Z"));
    expect(events("report")).toEqual(expect.arrayContaining([`Normal SuccessfulCreate Created job ${job.metadata.name}`, `Normal SawCompletedJob Saw completed job: ${job.metadata.name}, status: Complete`]));
  });
});
