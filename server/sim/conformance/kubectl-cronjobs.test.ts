/**
 * The real kubectl (v1.32) against the simulator's CronJob and Job controllers: a schedule runs
 * when the sim clock reaches it, `get cronjob` / `get jobs` print the server's v1.32 columns,
 * `create job --from=cronjob/…` makes the manual Job a real cluster would, and a failed run's
 * logs and status read as they would there.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startKubectlSim, type KubectlSim } from "@/server/sim/conformance/run-kubectl";

let env: KubectlSim;
const kubectl = (...args: string[]) => env.kubectl(...args);
const MINUTE = 60_000;

const cronJob = (name: string, script: string) => `apiVersion: batch/v1
kind: CronJob
metadata: {name: ${name}, namespace: default}
spec:
  schedule: "*/5 * * * *"
  timeZone: Europe/Berlin
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      backoffLimit: 0
      template:
        spec:
          restartPolicy: Never
          containers:
          - {name: task, image: "busybox:1.36", command: [sh, -c, "${script}"]}
`;

async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  env = await startKubectlSim("sim-kubectl-cron-", 15_000);
  // Two minutes past a five-minute mark, so the next run is three minutes ahead.
  env.sim.clock.set(Math.floor(Date.now() / (5 * MINUTE)) * 5 * MINUTE + 2 * MINUTE);
});
afterAll(async () => {
  env.sim.clock.reset();
  await env.stop();
});

describe("kubectl with CronJobs and Jobs on the simulator", () => {
  it("applies a CronJob, runs it when the clock reaches the schedule, and prints both tables", async () => {
    const file = await env.manifest("report", cronJob("report", "echo report done"));
    expect((await kubectl("apply", "-f", file)).stdout.trim()).toBe("cronjob.batch/report created");
    const before = (await kubectl("get", "cronjob", "report")).stdout.trim().split("\n");
    expect(before[0]).toMatch(/^NAME\s+SCHEDULE\s+TIMEZONE\s+SUSPEND\s+ACTIVE\s+LAST SCHEDULE\s+AGE$/);
    expect(before[1]).toMatch(/^report\s+\*\/5 \* \* \* \*\s+Europe\/Berlin\s+False\s+0\s+<none>\s+\d+s$/);
    expect((await kubectl("get", "jobs")).stderr.trim()).toBe("No resources found in default namespace.");

    const due = Math.floor(env.sim.clock.now() / (5 * MINUTE)) * 5 * MINUTE + 5 * MINUTE;
    env.sim.clock.advance(due - env.sim.clock.now() + 1000);
    const job = `report-${due / MINUTE}`;
    const jobs = await until("the run to complete", async () => {
      const out = (await kubectl("get", "jobs")).stdout;
      return out.includes("Complete") && out;
    });
    const lines = jobs.trim().split("\n");
    expect(lines[0]).toMatch(/^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE$/);
    expect(lines[1]).toMatch(new RegExp(`^${job}\\s+Complete\\s+1/1\\s+\\d+s\\s+\\d+s$`));
    const wide = (await kubectl("get", "jobs", "-o", "wide")).stdout.trim().split("\n");
    expect(wide[0]).toMatch(/^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR$/);
    expect(wide[1]).toMatch(new RegExp(`\\s+task\\s+busybox:1\\.36\\s+batch\\.kubernetes\\.io/controller-uid=[0-9a-f-]{36}$`));
    const after = (await kubectl("get", "cronjob", "report", "-o", "wide")).stdout.trim().split("\n");
    expect(after[0]).toMatch(/^NAME\s+SCHEDULE\s+TIMEZONE\s+SUSPEND\s+ACTIVE\s+LAST SCHEDULE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR$/);
    expect(after[1]).toMatch(/^report\s+\*\/5 \* \* \* \*\s+Europe\/Berlin\s+False\s+0\s+\d+s\s+\d+m\d*s?\s+task\s+busybox:1\.36\s+<none>$/);
    expect((await kubectl("logs", `job/${job}`)).stdout).toBe("report done\n");
    const stamp = (await kubectl("get", "job", job, "-o", "jsonpath={.metadata.annotations.batch\\.kubernetes\\.io/cronjob-scheduled-timestamp}")).stdout;
    expect(Date.parse(stamp)).toBe(due);
    expect(stamp).toMatch(/\+0[12]:00$/);
  });

  it("creates a manual Job from the CronJob as kubectl does on a real cluster", async () => {
    const created = await kubectl("create", "job", "report-now", "--from=cronjob/report");
    expect(created.stdout.trim()).toBe("job.batch/report-now created");
    const meta = JSON.parse((await kubectl("get", "job", "report-now", "-o", "json")).stdout).metadata;
    expect(meta.annotations).toEqual({ "cronjob.kubernetes.io/instantiate": "manual" });
    expect(meta.ownerReferences).toEqual([{ apiVersion: "batch/v1", kind: "CronJob", name: "report", uid: expect.any(String), controller: true }]);
    await until("the manual run to complete", async () => (await kubectl("get", "job", "report-now", "-o", "jsonpath={.status.succeeded}")).stdout === "1");
    const events = (await kubectl("get", "events", "--field-selector", "involvedObject.kind=CronJob,involvedObject.name=report")).stdout;
    expect(events).toMatch(/Warning\s+UnexpectedJob\s+cronjob\/report\s+Saw a job that the controller did not create or forgot: report-now/);
    expect(events).toMatch(/Normal\s+SawCompletedJob\s+cronjob\/report\s+Saw completed job: report-\d+, status: Complete/);
  });

  it("shows a failed run's log and its BackoffLimitExceeded status", async () => {
    const file = await env.manifest("broken", cronJob("broken", "echo cannot reach the database; exit 3"));
    await kubectl("apply", "-f", file);
    await kubectl("create", "job", "broken-now", "--from=cronjob/broken");
    const status = await until("the run to fail", async () => {
      const out = (await kubectl("get", "job", "broken-now")).stdout;
      return out.includes("Failed") && out;
    });
    expect(status.trim().split("\n")[1]).toMatch(/^broken-now\s+Failed\s+0\/1\s+\d+s\s+\d+s$/);
    expect((await kubectl("logs", "job/broken-now")).stdout).toBe("cannot reach the database\n");
    const reason = await kubectl("get", "job", "broken-now", "-o", "jsonpath={range .status.conditions[*]}{.type}={.reason}: {.message}{\"\\n\"}{end}");
    expect(reason.stdout.trim().split("\n")).toEqual(["FailureTarget=BackoffLimitExceeded: Job has reached the specified backoff limit", "Failed=BackoffLimitExceeded: Job has reached the specified backoff limit"]);
    const exit = await kubectl("get", "pods", "-l", "job-name=broken-now", "-o", "jsonpath={.items[0].status.containerStatuses[0].state.terminated.exitCode}");
    expect(exit.stdout).toBe("3");
  });

  it("refuses a CRON_TZ schedule and an unknown time zone with the API server's messages", async () => {
    const tz = await kubectl("create", "cronjob", "bad", "--image=busybox:1.36", "--schedule=CRON_TZ=UTC 0 * * * *");
    expect(tz.code).not.toBe(0);
    expect(tz.stderr.trim()).toBe('error: failed to create cronjob: CronJob.batch "bad" is invalid: spec.schedule: Invalid value: "CRON_TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead');
    const zone = await env.manifest("zone", cronJob("zone", "true").replace("Europe/Berlin", "Mars/Olympus"));
    const refused = await kubectl("apply", "-f", zone);
    expect(refused.stderr).toContain('spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus');
    const range = await kubectl("create", "cronjob", "bad", "--image=busybox:1.36", "--schedule=61 * * * *");
    expect(range.stderr).toContain('spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61');
    const always = await env.manifest("always", cronJob("always", "true").replace("restartPolicy: Never", "restartPolicy: Always"));
    expect((await kubectl("apply", "-f", always)).stderr).toContain('spec.jobTemplate.spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"');
  });

  it("watches a CronJob's run appear as it is scheduled", async () => {
    const file = await env.manifest("watched", cronJob("watched", "echo watched"));
    await kubectl("apply", "-f", file);
    const watching = kubectl("get", "jobs", "--watch-only", "--request-timeout=4s", "-o", "name");
    await new Promise((r) => setTimeout(r, 1500));
    const due = Math.floor(env.sim.clock.now() / (5 * MINUTE)) * 5 * MINUTE + 5 * MINUTE;
    env.sim.clock.advance(due - env.sim.clock.now() + 1000);
    const { stdout } = await watching;
    expect(stdout.split("\n")).toContain(`job.batch/watched-${due / MINUTE}`);
  });
});
