import { afterEach, describe, expect, it } from "vitest";
import type { KubeObject, SimController } from "@/server/sim/contract";
import { applyDefaults } from "@/server/sim/validate/apply-defaults";
import { R, clone } from "@/server/sim/controllers/resources";
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
  const cronJob = (name: string, spec: Obj, command = ["sh", "-c", "echo hello from cron"], image = "busybox:1.36") =>
    store.create(R.cronjobs, applyDefaults({
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: { name, namespace: "default" },
      spec: { schedule: "*/1 * * * *", ...spec, jobTemplate: { metadata: { labels: { task: name } }, spec: { backoffLimit: 0, template: { spec: { restartPolicy: "Never", containers: [{ name: "task", image, command }] } } } } },
    } as KubeObject));
  const cj = (name: string) => store.get(R.cronjobs, "default", name) as Obj;
  const jobs = (prefix: string) => store.list(R.jobs, "default").filter((j) => j.metadata.name.startsWith(`${prefix}-`)) as Obj[];
  const events = (name: string) => store.list(R.events, "default").filter((e) => (e.involvedObject as Obj).name === name).map((e) => `${e.type} ${e.reason} ${e.message}`);
  const names = (prefix: string) => jobs(prefix).map((j) => j.metadata.name).sort();
  /** The minute (since the epoch) `n` minutes from the current sim minute. */
  const minute = (n = 0) => Math.floor(simClock.now() / MINUTE) + n;
  return { store, cronJob, cj, jobs, names, events, minute };
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

  it("runs a failing command to BackoffLimitExceeded and keeps failedJobsHistoryLimit (default 1) failed Jobs", async () => {
    const { cronJob, cj, jobs, names, events, minute } = setup();
    cronJob("fail", {}, ["sh", "-c", "echo failing; exit 3"]);
    const first = `fail-${minute(1)}`;
    simClock.advance(MINUTE);
    const job = await waitFor(() => jobs("fail").find((j) => j.status?.conditions?.some((c: Obj) => c.type === "Failed")), 3000, "a failed job");
    expect(job.status.conditions.map((c: Obj) => [c.type, c.reason, c.message])).toEqual([
      ["FailureTarget", "BackoffLimitExceeded", "Job has reached the specified backoff limit"],
      ["Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit"],
    ]);
    expect(job.status.failed).toBe(1);
    expect(job.status.completionTime).toBeUndefined();
    await waitFor(() => events("fail").includes(`Normal SawCompletedJob Saw completed job: ${first}, status: Failed`), 2000, "SawCompletedJob");
    expect(cj("fail").status.lastSuccessfulTime).toBeUndefined();
    simClock.advance(MINUTE);
    const second = `fail-${minute()}`;
    await waitFor(() => events("fail").includes(`Normal SawCompletedJob Saw completed job: ${second}, status: Failed`), 3000, "the second run failing");
    await waitFor(() => names("fail").length === 1, 2000, "pruning");
    expect(names("fail")).toEqual([second]);
    expect(events("fail")).toContain(`Normal SuccessfulDelete Deleted job ${first}`);
  });

  it("Forbid skips a run while one is active, Replace deletes the active one, Allow runs both", async () => {
    const { cronJob, names, events, minute } = setup();
    // An image that cannot be pulled keeps each Job active.
    for (const policy of ["Forbid", "Replace", "Allow"]) cronJob(policy.toLowerCase(), { concurrencyPolicy: policy }, ["true"], "busybox:notfound");
    simClock.advance(MINUTE);
    const first = minute();
    await waitFor(() => ["forbid", "replace", "allow"].every((n) => names(n).length === 1), 2000, "first runs");
    simClock.advance(MINUTE);
    const second = minute();
    await waitFor(() => names("allow").length === 2 && names("replace").includes(`replace-${second}`), 2000, "second runs");
    await waitFor(() => events("forbid").includes("Normal JobAlreadyActive Not starting job because prior execution is running and concurrency policy is Forbid"), 2000, "JobAlreadyActive");
    expect(names("forbid")).toEqual([`forbid-${first}`]);
    await waitFor(() => names("replace").length === 1, 2000, "the replaced job gone");
    expect(names("replace")).toEqual([`replace-${second}`]);
    expect(events("replace")).toContain(`Normal SuccessfulDelete Deleted job replace-${first}`);
    expect(names("allow")).toEqual([`allow-${first}`, `allow-${second}`]);
  });

  it("starts only the most recent missed run, says so past 100 missed, and skips runs older than startingDeadlineSeconds", async () => {
    const { cronJob, cj, names, events, minute } = setup();
    cronJob("late", {});
    cronJob("strict", { startingDeadlineSeconds: 20 });
    simClock.advance(3 * 60 * MINUTE + 40_000);
    await waitFor(() => names("late").length === 1, 2000, "the most recent run");
    expect(names("late")).toEqual([`late-${minute()}`]);
    expect(events("late")).toContain("Warning TooManyMissedTimes too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew");
    // The last run was 41 s ago, past the 20 s deadline: nothing starts until the next minute.
    await new Promise((r) => setTimeout(r, 100));
    expect(names("strict")).toEqual([]);
    expect(cj("strict").status?.lastScheduleTime).toBeUndefined();
    expect(events("strict").filter((e) => e.includes("TooManyMissedTimes"))).toEqual([]);
    simClock.advance(20_000);
    await waitFor(() => names("strict").length === 1, 2000, "the next run within the deadline");
  });

  it("does nothing while suspended and starts the missed run on resume", async () => {
    const { store, cronJob, names, minute } = setup();
    cronJob("paused", { suspend: true });
    simClock.advance(2 * MINUTE);
    await new Promise((r) => setTimeout(r, 100));
    expect(names("paused")).toEqual([]);
    const fresh = store.get(R.cronjobs, "default", "paused")!;
    store.update(R.cronjobs, { ...fresh, spec: { ...(fresh.spec as Obj), suspend: false } });
    await waitFor(() => names("paused").length === 1, 2000, "the run after resume");
    expect(names("paused")).toEqual([`paused-${minute()}`]);
  });

  it("reads the schedule in spec.timeZone and writes the scheduled time in that zone", async () => {
    const { cronJob, jobs } = setup();
    simClock.set("2026-06-01T08:59:30Z");
    cronJob("tokyo", { schedule: "0 18 * * *", timeZone: "Asia/Tokyo" });
    simClock.set("2026-06-01T09:00:05Z");
    const job = await waitFor(() => jobs("tokyo")[0], 2000, "the 18:00 Tokyo run");
    expect(job.metadata.name).toBe(`tokyo-${Date.parse("2026-06-01T09:00:00Z") / MINUTE}`);
    expect(job.metadata.annotations["batch.kubernetes.io/cronjob-scheduled-timestamp"]).toBe("2026-06-01T18:00:00+09:00");
  });

  it("keeps successfulJobsHistoryLimit successful Jobs, counting a manual `create job --from` one", async () => {
    const { store, cronJob, names, events, minute } = setup();
    const owner = cronJob("keep", { successfulJobsHistoryLimit: 1 });
    simClock.advance(MINUTE);
    const scheduled = `keep-${minute()}`;
    await waitFor(() => events("keep").some((e) => e.includes(`Saw completed job: ${scheduled}`)), 3000, "the scheduled run");
    // What `kubectl create job keep-manual --from=cronjob/keep` sends.
    simClock.advance(5000);
    store.create(R.jobs, applyDefaults({ apiVersion: "batch/v1", kind: "Job", metadata: { name: "keep-manual", namespace: "default", annotations: { "cronjob.kubernetes.io/instantiate": "manual" }, ownerReferences: [{ apiVersion: "batch/v1", kind: "CronJob", name: "keep", uid: owner.metadata.uid!, controller: true }] }, spec: clone((owner.spec as Obj).jobTemplate.spec) } as KubeObject));
    await waitFor(() => names("keep").length === 1 && names("keep")[0] === "keep-manual", 3000, "the older run pruned");
    expect(events("keep")).toEqual(expect.arrayContaining(["Warning UnexpectedJob Saw a job that the controller did not create or forgot: keep-manual", `Normal SuccessfulDelete Deleted job ${scheduled}`]));
  });

});
