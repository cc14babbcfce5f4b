import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as statusBoard from "@/app/api/status/route";
import * as apps from "@/app/api/projects/[project]/apps/route";
import * as deploy from "@/app/api/projects/[project]/apps/[app]/deploy/route";
import * as logs from "@/app/api/projects/[project]/apps/[app]/logs/download/route";
import * as tasks from "@/app/api/projects/[project]/apps/[app]/tasks/route";
import * as task from "@/app/api/projects/[project]/apps/[app]/tasks/[task]/route";
import * as run from "@/app/api/projects/[project]/apps/[app]/tasks/[task]/run/route";
import * as runs from "@/app/api/projects/[project]/apps/[app]/tasks/[task]/runs/route";
import { seedToken } from "@/server/auth/testing/auth-fixtures";
import { getDb } from "@/server/db/client";
import { openEngineFixture, type EngineFixture } from "@/server/engine/test/engine-fixture";
import type { RouteHandler } from "@/server/http/with-auth";
import { callRoute, routeRequest } from "@/server/http/testing/route-request";
import { readObject } from "@/server/kube/read-object";

/**
 * Scheduled tasks end to end against the simulated cluster: the REST routes, the engine's
 * deploy and prune, the sim's CronJob and Job controllers on its advanceable clock, and the
 * logs route reading a run's pod.
 */
let fx: EngineFixture;
let admin: string;
let viewer: string;
const APP = { project: "shop", app: "web" };

beforeAll(async () => {
  fx = await openEngineFixture();
  admin = (await seedToken({ role: "admin" })).token;
  viewer = (await seedToken({ role: "viewer", userName: "viewer" })).token;
  await call(projects.POST, "/api/projects", { method: "POST", body: { name: "shop" } });
  await call(apps.POST, "/api/projects/shop/apps", { method: "POST", params: { project: "shop" }, body: { name: "web", image: "nginx:1.27", port: 80, env: [{ name: "MODE", value: "prod" }] } });
}, 60_000);
afterAll(() => fx.close());

async function call(handler: RouteHandler, path: string, opts: { method?: string; body?: unknown; params?: Record<string, string>; bearer?: string } = {}) {
  const res = await callRoute(handler, routeRequest(path, { method: opts.method, body: opts.body, bearer: opts.bearer ?? admin }), opts.params ?? {});
  const text = await res.text();
  let body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, body };
}

const TASKS = "/api/projects/shop/apps/web/tasks";
const taskParams = (name: string) => ({ ...APP, task: name });

async function deployApp() {
  const deployed = await call(deploy.POST, "/api/projects/shop/apps/web/deploy?wait=true", { method: "POST", params: APP });
  expect(deployed.body.operation).toMatchObject({ status: "succeeded" });
}

/** The next instant, after the sim clock's now, at `hour:minute` UTC. */
function nextUtc(hour: number, minute: number): Date {
  const at = new Date(fx.cluster.sim.clock.now());
  at.setUTCHours(hour, minute, 0, 0);
  if (at.getTime() <= fx.cluster.sim.clock.now()) at.setUTCDate(at.getUTCDate() + 1);
  return at;
}

/** Polls the runs route until `test` passes (bounded). */
async function waitForRuns(name: string, test: (runs: any[]) => boolean, timeoutMs = 20_000) { // eslint-disable-line @typescript-eslint/no-explicit-any
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await call(runs.GET, `${TASKS}/${name}/runs`, { params: taskParams(name) });
    if (last.status === 200 && test(last.body.runs)) return last.body.runs;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`runs of ${name} never matched; last: ${JSON.stringify(last?.body)}`);
}

describe("scheduled tasks over REST", () => {
  it("refuses bad tasks with a sentence and changes nothing", async () => {
    const before = await getDb().auditEvent.count();
    const seconds = await call(tasks.POST, TASKS, { method: "POST", params: APP, body: { name: "cleanup", schedule: "0 0 3 * * *", command: ["true"] } });
    expect(seconds.status).toBe(400);
    expect(JSON.stringify(seconds.body)).toMatch(/Kubernetes has no seconds field/);
    const shell = await call(tasks.POST, TASKS, { method: "POST", params: APP, body: { name: "cleanup", schedule: "@daily", command: "rm -rf /tmp/*" } });
    expect(shell.status).toBe(400);
    expect(JSON.stringify(shell.body)).toMatch(/command as a list of strings/);
    const unknown = await call(tasks.POST, TASKS, { method: "POST", params: APP, body: { name: "cleanup", schedule: "@daily", command: ["true"], shell: true } });
    expect(unknown.status).toBe(400);
    const asViewer = await call(tasks.POST, TASKS, { method: "POST", params: APP, bearer: viewer, body: { name: "cleanup", schedule: "@daily", command: ["true"] } });
    expect(asViewer.status).toBe(403);
    expect((await call(tasks.GET, TASKS, { params: APP })).body).toEqual({ tasks: [] });
    expect(await getDb().auditEvent.count()).toBe(before);
  });

  it("adds a task, deploys its CronJob, and runs it when the clock reaches its schedule", async () => {
    const added = await call(tasks.POST, TASKS, { method: "POST", params: APP, body: { name: "cleanup", schedule: "0 3 * * *", command: ["sh", "-c", "echo cleaned"] } });
    expect(added.status).toBe(201);
    expect(added.body.tasks).toEqual([
      expect.objectContaining({ cronJobName: "web-cleanup", isDeployed: false, description: "At 03:00, every day (UTC)", nextRuns: expect.any(Array), lastRun: null }),
    ]);
    expect(added.body.tasks[0].nextRuns).toHaveLength(3);
    expect(await getDb().auditEvent.findFirst({ where: { action: "app.task.add" } })).toMatchObject({ target: "shop/web" });

    const runNow = await call(run.POST, `${TASKS}/cleanup/run`, { method: "POST", params: taskParams("cleanup") });
    expect(runNow.status).toBe(409);
    expect(runNow.body.error.message).toMatch(/not in the cluster yet — deploy the app/);

    // The sim clock runs on from wall time: a daily schedule reached by a jump cannot come due
    // again while the file runs, however slow the machine (an every-5-minutes one could).
    fx.cluster.sim.clock.set(nextUtc(2, 58));
    await deployApp();
    const cronJob = await readObject(fx.cluster.kubeConfig, { apiVersion: "batch/v1", kind: "CronJob", namespace: "shop", name: "web-cleanup" });
    expect(cronJob).toMatchObject({ spec: { schedule: "0 3 * * *", timeZone: "UTC", concurrencyPolicy: "Forbid" } });
    expect((await call(task.GET, `${TASKS}/cleanup`, { params: taskParams("cleanup") })).body).toMatchObject({ isDeployed: true });

    fx.cluster.sim.clock.advance(3 * 60_000);
    const [scheduled] = await waitForRuns("cleanup", (r) => r.length > 0 && r[0].outcome === "succeeded");
    expect(scheduled).toMatchObject({ trigger: "schedule", outcome: "succeeded", exitCode: 0, message: null, durationSeconds: expect.any(Number) });
    expect(scheduled.pods).toEqual([expect.objectContaining({ phase: "Succeeded", exitCode: 0 })]);
  }, 60_000);

  it("Run now creates a Job from the CronJob as kubectl create job --from does", async () => {
    const started = await call(run.POST, `${TASKS}/cleanup/run`, { method: "POST", params: taskParams("cleanup") });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ trigger: "manual", outcome: "running", name: expect.stringMatching(/^web-cleanup-run-[a-z0-9]{5}$/) });
    const job = (await readObject(fx.cluster.kubeConfig, { apiVersion: "batch/v1", kind: "Job", namespace: "shop", name: started.body.name })) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    const cronJob = await readObject(fx.cluster.kubeConfig, { apiVersion: "batch/v1", kind: "CronJob", namespace: "shop", name: "web-cleanup" });
    expect(job.metadata.annotations).toMatchObject({ "cronjob.kubernetes.io/instantiate": "manual" });
    expect(job.metadata.ownerReferences).toEqual([{ apiVersion: "batch/v1", kind: "CronJob", name: "web-cleanup", uid: cronJob!.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(job.spec.template.spec.containers[0]).toMatchObject({ image: "nginx:1.27", command: ["sh", "-c", "echo cleaned"], env: [{ name: "MODE", value: "prod" }] });
    expect(job.spec.template.metadata.labels).not.toHaveProperty("berth.dev/app");

    const history = await waitForRuns("cleanup", (r) => r.some((x: { name: string; outcome: string }) => x.name === started.body.name && x.outcome === "succeeded"));
    expect(history.map((r: { trigger: string }) => r.trigger)).toEqual(["manual", "schedule"]);
    expect(await getDb().auditEvent.findFirst({ where: { action: "app.task.run" } })).toMatchObject({ target: "shop/web" });
  }, 60_000);

  it("explains a failing run with its exit code and last log line, and its log is readable through Berth", async () => {
    await call(tasks.POST, TASKS, { method: "POST", params: APP, body: { name: "broken", schedule: "@daily", command: ["sh", "-c", "echo boom; exit 3"] } });
    await deployApp();
    await call(run.POST, `${TASKS}/broken/run`, { method: "POST", params: taskParams("broken") });
    const [failed] = await waitForRuns("broken", (r) => r[0]?.outcome === "failed");
    expect(failed).toMatchObject({ outcome: "failed", exitCode: 3 });
    expect(failed.message).toMatch(/^The run failed\. The command exited with code 3\. Its last log line: "boom"\.$/);

    const pod = failed.pods[0].name;
    const log = await call(logs.GET, `/api/projects/shop/apps/web/logs/download?pod=${pod}`, { params: APP });
    expect(log.status).toBe(200);
    expect(log.body).toContain("boom");

    const board = await call(statusBoard.GET, "/api/status");
    expect(board.body.apps.find((a: { app: string }) => a.app === "web").failingTasks).toEqual([
      { task: "broken", run: failed.name, finishedAt: expect.any(String), message: "The run failed. The command exited with code 3." },
    ]);

    const listed = await call(tasks.GET, TASKS, { params: APP });
    expect(listed.body.tasks.find((t: { spec: { name: string } }) => t.spec.name === "broken").lastRun).toMatchObject({ outcome: "failed", exitCode: 3 });
  }, 60_000);

  it("suspends a task by PATCH, and prunes its CronJob with the next deploy after DELETE", async () => {
    const patched = await call(task.PATCH, `${TASKS}/broken`, { method: "PATCH", params: taskParams("broken"), body: { suspend: true } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ spec: { suspend: true, schedule: "@daily" }, nextRuns: [], warnings: [expect.stringMatching(/^Suspended/)] });
    const rename = await call(task.PATCH, `${TASKS}/broken`, { method: "PATCH", params: taskParams("broken"), body: { name: "other" } });
    expect(rename.status).toBe(400);

    expect((await call(task.DELETE, `${TASKS}/broken`, { method: "DELETE", params: taskParams("broken") })).status).toBe(200);
    expect((await call(task.GET, `${TASKS}/broken`, { params: taskParams("broken") })).status).toBe(404);
    await deployApp();
    expect(await readObject(fx.cluster.kubeConfig, { apiVersion: "batch/v1", kind: "CronJob", namespace: "shop", name: "web-broken" })).toBeUndefined();
    expect(await readObject(fx.cluster.kubeConfig, { apiVersion: "batch/v1", kind: "CronJob", namespace: "shop", name: "web-cleanup" })).toBeDefined();
  }, 60_000);
});
