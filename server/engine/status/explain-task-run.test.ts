import { describe, expect, it } from "vitest";
import type { Job } from "kubernetes-types/batch/v1";
import type { Event, Pod } from "kubernetes-types/core/v1";
import { cronJobWarnings, summarizeTaskRun } from "@/server/engine/status/explain-task-run";

const NOW = new Date("2026-12-01T10:10:00Z");
const uid = "job-uid";

function job(conditions: Array<{ type: string; reason: string }> = [], spec: Job["spec"] = { template: {} }, extra: Partial<Job["metadata"]> = {}): Job {
  return {
    metadata: { name: "web-cleanup-29935320", uid, creationTimestamp: "2026-12-01T10:00:00Z", ...extra },
    spec,
    status: {
      startTime: "2026-12-01T10:00:00Z",
      ...(conditions.length > 0 ? { completionTime: undefined } : {}),
      conditions: conditions.map((c) => ({ ...c, status: "True", lastTransitionTime: "2026-12-01T10:00:04Z" })),
    },
  };
}

function pod(name: string, state: NonNullable<Pod["status"]>["containerStatuses"], created = "2026-12-01T10:00:01Z"): Pod {
  return { metadata: { name, creationTimestamp: created, ownerReferences: [{ apiVersion: "batch/v1", kind: "Job", name: "j", uid }] }, spec: { containers: [{ name: "web", image: "shop:1" }] }, status: { phase: "Failed", containerStatuses: state } };
}

const exited = (code: number, reason = "Error") => [{ name: "web", image: "shop:1", imageID: "", ready: false, restartCount: 0, state: { terminated: { exitCode: code, reason } } }];

describe("summarizeTaskRun", () => {
  it("says a finished run succeeded, with its duration and no sentence", () => {
    const run = summarizeTaskRun({ job: { ...job([{ type: "Complete", reason: "CompletionsReached" }]), status: { ...job().status, completionTime: "2026-12-01T10:00:07Z", conditions: [{ type: "Complete", status: "True" }] } }, pods: [], now: NOW });
    expect(run).toMatchObject({ outcome: "succeeded", durationSeconds: 7, message: null, trigger: "schedule", finishedAt: "2026-12-01T10:00:07Z" });
  });

  it("explains a crash with the exit code, the retries used and the last log line", () => {
    const run = summarizeTaskRun({
      job: job([{ type: "Failed", reason: "BackoffLimitExceeded" }], { backoffLimit: 2, template: {} }),
      pods: [pod("a", exited(3)), pod("b", exited(4), "2026-12-01T10:00:30Z")],
      lastLogLine: "boom",
      now: NOW,
    });
    expect(run).toMatchObject({ outcome: "failed", exitCode: 4, message: 'The run failed after 2 retries. The command exited with code 4. Its last log line: "boom".' });
    expect(run.pods.map((p) => p.name)).toEqual(["b", "a"]);
  });

  it("explains the deadline, running out of memory and an image that cannot be pulled", () => {
    const deadline = summarizeTaskRun({ job: job([{ type: "Failed", reason: "DeadlineExceeded" }], { activeDeadlineSeconds: 60, template: {} }), pods: [], now: NOW });
    expect(deadline.message).toBe("The run was stopped: it took longer than its deadline of 60 seconds.");
    const oom = summarizeTaskRun({ job: job([{ type: "Failed", reason: "BackoffLimitExceeded" }], { backoffLimit: 0, template: {} }), pods: [pod("a", exited(137, "OOMKilled"))], now: NOW });
    expect(oom.message).toBe("The run failed. The command exited with code 137 — it ran out of memory (OOMKilled); raise the app's memory limit.");
    const pull = summarizeTaskRun({
      job: job(),
      pods: [pod("a", [{ name: "web", image: "shop:1", imageID: "", ready: false, restartCount: 0, state: { waiting: { reason: "ImagePullBackOff" } } }])],
      now: NOW,
    });
    expect(pull).toMatchObject({ outcome: "running", durationSeconds: 600, message: expect.stringMatching(/^The image shop:1 could not be pulled/) });
  });

  it("tells Run now's Jobs from the schedule's", () => {
    expect(summarizeTaskRun({ job: job([], { template: {} }, { annotations: { "cronjob.kubernetes.io/instantiate": "manual" } }), pods: [], now: NOW }).trigger).toBe("manual");
  });
});

describe("cronJobWarnings", () => {
  const event = (reason: string, message: string, at: string): Event => ({ metadata: { name: reason }, involvedObject: { kind: "CronJob", name: "web-cleanup" }, type: "Warning", reason, message, lastTimestamp: at });

  it("explains missed schedules, newest first, and leaves out Run now's UnexpectedJob", () => {
    const warnings = cronJobWarnings([
      event("MissSchedule", "Missed scheduled time to start a job: Tue, 01 Dec 2026 03:00:00 +0000", "2026-12-01T03:10:00Z"),
      event("UnexpectedJob", "Saw a job that the controller did not create or forgot: web-cleanup-run-x", "2026-12-01T04:00:00Z"),
      event("TooManyMissedTimes", "too many missed start times", "2026-12-01T05:00:00Z"),
    ]);
    expect(warnings).toEqual([
      expect.stringMatching(/^More than 100 scheduled runs were missed/),
      "A scheduled run was missed (Tue, 01 Dec 2026 03:00:00 +0000) — the cluster could not start it in time; set a longer starting deadline if it may start late.",
    ]);
  });
});
