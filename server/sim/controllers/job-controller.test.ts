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

function setup() {
  const store = createTestStore();
  ctl = startControllers(store, { tickMs: 10, secondMs: 100 });
  const job = (name: string, spec: Obj, pod: Obj) =>
    store.create(R.jobs, applyDefaults({ apiVersion: "batch/v1", kind: "Job", metadata: { name, namespace: "default" }, spec: { ...spec, template: { spec: { containers: [{ name: "task", image: "busybox:1.36" }], ...pod } } } } as KubeObject));
  const get = (name: string) => store.get(R.jobs, "default", name) as Obj | undefined;
  const pods = (name: string) => store.list(R.pods, "default").filter((p) => p.metadata.labels?.["job-name"] === name) as Obj[];
  const events = (name: string) => store.list(R.events, "default").filter((e) => (e.involvedObject as Obj).name === name).map((e) => `${e.type} ${e.reason} ${e.message}`);
  const finished = (name: string) => waitFor(() => get(name)?.status?.conditions?.some((c: Obj) => ["Complete", "Failed"].includes(c.type)) && get(name)!, 5000, `${name} finished`);
  const conditions = (j: Obj) => j.status.conditions.map((c: Obj) => `${c.type} ${c.reason}`);
  return { store, job, get, pods, events, finished, conditions };
}

describe("simulated Job controller", () => {
  it("under restartPolicy Never makes a new pod per failure, each exiting with the command's code, until backoffLimit", async () => {
    const { job, pods, events, finished, conditions } = setup();
    job("never", { backoffLimit: 2 }, { restartPolicy: "Never", containers: [{ name: "task", image: "busybox:1.36", command: ["sh", "-c", "echo nope; exit 3"] }] });
    const done = await finished("never");
    expect(conditions(done)).toEqual(["FailureTarget BackoffLimitExceeded", "Failed BackoffLimitExceeded"]);
    expect(done.status).toMatchObject({ failed: 3, ready: 0, terminating: 0, uncountedTerminatedPods: {} });
    expect(done.status.active).toBeUndefined();
    const ps = pods("never");
    expect(ps).toHaveLength(3);
    for (const p of ps) {
      expect(p.status.phase).toBe("Failed");
      expect(p.status.containerStatuses[0]).toMatchObject({ restartCount: 0, state: { terminated: { exitCode: 3, reason: "Error" } } });
      expect(p.metadata.labels).toMatchObject({ "batch.kubernetes.io/job-name": "never", "controller-uid": done.metadata.uid, "batch.kubernetes.io/controller-uid": done.metadata.uid });
    }
    expect(events("never")).toContain("Warning BackoffLimitExceeded Job has reached the specified backoff limit");
  });

  it("under restartPolicy OnFailure restarts the container in the same pod and counts its restarts against backoffLimit", async () => {
    const { job, pods, finished, conditions } = setup();
    job("again", { backoffLimit: 2 }, { restartPolicy: "OnFailure", containers: [{ name: "task", image: "busybox:1.36", command: ["sh", "-c", "exit 4"] }] });
    await waitFor(() => pods("again")[0]?.status?.containerStatuses?.[0]?.restartCount >= 1, 5000, "a restart");
    expect(pods("again")).toHaveLength(1);
    expect(pods("again")[0].status.containerStatuses[0].lastState.terminated).toMatchObject({ exitCode: 4, reason: "Error" });
    const done = await finished("again");
    expect(conditions(done)).toEqual(["FailureTarget BackoffLimitExceeded", "Failed BackoffLimitExceeded"]);
    expect(done.status.failed).toBe(1);
    expect(pods("again")).toEqual([]);
  });

  it("fails a Job active past activeDeadlineSeconds on the sim clock and kills its pods", async () => {
    const { store, job, pods, events, finished, conditions } = setup();
    const seen: string[] = [];
    store.subscribe((e) => {
      const st = e.object.status as Obj | undefined;
      if (e.object.kind === "Job" && st?.conditions) seen.push(`${st.conditions.map((c: Obj) => c.type).join("+")} terminating=${st.terminating}`);
    });
    job("slow", { activeDeadlineSeconds: 60 }, { restartPolicy: "Never", containers: [{ name: "task", image: "busybox:notfound" }] });
    await waitFor(() => pods("slow").length === 1, 2000, "the pod");
    simClock.advance(61_000);
    const done = await finished("slow");
    expect(conditions(done)).toEqual(["FailureTarget DeadlineExceeded", "Failed DeadlineExceeded"]);
    expect(done.status.conditions[1].message).toBe("Job was active longer than specified deadline");
    expect(done.status.failed).toBe(1);
    expect(pods("slow")).toEqual([]);
    expect(events("slow")).toContain("Warning DeadlineExceeded Job was active longer than specified deadline");
    // As v1.32 does: the killed pod is Terminating under FailureTarget before the Job is Failed.
    expect(seen).toContain("FailureTarget terminating=1");
    expect(seen.at(-1)).toBe("FailureTarget+Failed terminating=0");
  });

  it("completes with SuccessCriteriaMet then Complete, and a suspended Job runs no pod until resumed", async () => {
    const { store, job, get, pods, events, finished, conditions } = setup();
    job("later", { suspend: true }, { restartPolicy: "Never" });
    await waitFor(() => get("later")?.status?.conditions, 2000, "Suspended");
    expect(conditions(get("later")!)).toEqual(["Suspended JobSuspended"]);
    expect(pods("later")).toEqual([]);
    expect(get("later")!.status.startTime).toBeUndefined();
    const j = store.get(R.jobs, "default", "later")!;
    store.update(R.jobs, { ...j, spec: { ...(j.spec as Obj), suspend: false } });
    const done = await finished("later");
    expect(conditions(done)).toEqual(["Suspended JobResumed", "SuccessCriteriaMet CompletionsReached", "Complete CompletionsReached"]);
    expect(done.status.conditions[0].status).toBe("False");
    expect(done.status).toMatchObject({ succeeded: 1, ready: 0 });
    expect(Date.parse(done.status.completionTime)).toBeGreaterThanOrEqual(Date.parse(done.status.startTime));
    expect(events("later")).toEqual(expect.arrayContaining(["Normal Suspended Job suspended", "Normal Resumed Job resumed", "Normal Completed Job completed"]));
  });

  it("deletes a finished Job and its pods ttlSecondsAfterFinished later on the sim clock", async () => {
    const { job, get, pods, finished } = setup();
    job("brief", { ttlSecondsAfterFinished: 300 }, { restartPolicy: "Never" });
    await finished("brief");
    await new Promise((r) => setTimeout(r, 50));
    expect(get("brief")).toBeDefined();
    simClock.advance(301_000);
    await waitFor(() => !get("brief"), 2000, "the Job deleted");
    expect(pods("brief")).toEqual([]);
  });
});
