import fs from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { KubeConfig } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as apps from "@/app/api/projects/[project]/apps/route";
import * as databases from "@/app/api/projects/[project]/databases/route";
import * as deploy from "@/app/api/projects/[project]/apps/[app]/deploy/route";
import * as statusBoard from "@/app/api/status/route";
import * as volumeBackups from "@/app/api/projects/[project]/apps/[app]/volumes/[volume]/backups/route";
import * as volumeSchedule from "@/app/api/projects/[project]/apps/[app]/volumes/[volume]/backups/schedule/route";
import * as volumeRun from "@/app/api/projects/[project]/apps/[app]/volumes/[volume]/backups/run/route";
import * as volumeFile from "@/app/api/projects/[project]/apps/[app]/volumes/[volume]/backups/[file]/route";
import * as volumeRestore from "@/app/api/projects/[project]/apps/[app]/volumes/[volume]/backups/[file]/restore/route";
import * as dbBackups from "@/app/api/projects/[project]/databases/[database]/backups/route";
import * as dbSchedule from "@/app/api/projects/[project]/databases/[database]/backups/schedule/route";
import * as dbRun from "@/app/api/projects/[project]/databases/[database]/backups/run/route";
import * as dbFile from "@/app/api/projects/[project]/databases/[database]/backups/[file]/route";
import * as dbRestore from "@/app/api/projects/[project]/databases/[database]/backups/[file]/restore/route";
import { seedToken } from "@/server/auth/testing/auth-fixtures";
import { getDb } from "@/server/db/client";
import { FINISH_SCRIPT, RESTORE_VOLUME_SCRIPT } from "@/server/engine/backups/backup-scripts";
import { waitForOperation } from "@/server/engine/operations/wait-for-operation";
import { readBackupWarnings, withBackupWarnings } from "@/server/engine/backups/backup-board";
import { readBackups } from "@/server/engine/backups/read-backups";
import { openEngineFixture, type EngineFixture } from "@/server/engine/test/engine-fixture";
import type { RouteHandler } from "@/server/http/with-auth";
import { execInPod } from "@/server/http/testing/exec-in-pod";
import { callRoute, routeRequest } from "@/server/http/testing/route-request";
import { clusterKubeConfig, setCluster } from "@/server/kube/cluster";
import { deleteObject } from "@/server/kube/delete-object";
import { clusterRoleRules } from "@/server/sim/http/rbac";
import { listObjects } from "@/server/kube/list-managed";
import { resourceKindNamed } from "@/server/kube/kind-registry";
import { readObject } from "@/server/kube/read-object";

/**
 * Backups end to end against the simulated cluster: the REST routes, the queue applying the
 * CronJob, the sim's CronJob and Job controllers running the dump and finish steps in its
 * container file system, the listing read from the termination message, and a download
 * streamed by exec from the reader pod.
 */
let fx: EngineFixture;
let admin: string;
let viewer: string;
const VOLUME = { project: "shop", app: "web", volume: "data" };
const PG = { project: "shop", database: "pg" };
const BASE = "/api/projects/shop/apps/web/volumes/data/backups";
const DB_BASE = "/api/projects/shop/databases/pg/backups";

beforeAll(async () => {
  fx = await openEngineFixture();
  admin = (await seedToken({ role: "admin" })).token;
  viewer = (await seedToken({ role: "viewer", userName: "viewer" })).token;
  await call(projects.POST, "/api/projects", { method: "POST", body: { name: "shop" } });
  await call(apps.POST, "/api/projects/shop/apps", {
    method: "POST",
    params: { project: "shop" },
    body: { name: "web", image: "nginx:1.27", port: 80, volumes: [{ name: "data", mountPath: "/data", size: "1Gi" }] },
  });
  const deployed = await call(deploy.POST, "/api/projects/shop/apps/web/deploy?wait=true", { method: "POST", params: { project: "shop", app: "web" } });
  expect(deployed.body.operation).toMatchObject({ status: "succeeded" });
  await call(databases.POST, "/api/projects/shop/databases?wait=true", { method: "POST", params: { project: "shop" }, body: { name: "pg", engine: "postgresql" } });
}, 90_000);
afterAll(() => fx.close());

async function call(handler: RouteHandler, path: string, opts: { method?: string; body?: unknown; params?: Record<string, string>; bearer?: string } = {}) {
  const res = await callRoute(handler, routeRequest(path, { method: opts.method, body: opts.body, bearer: opts.bearer ?? admin }), opts.params ?? {});
  const bytes = Buffer.from(await res.arrayBuffer());
  let body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    body = JSON.parse(bytes.toString("utf8"));
  } catch {
    body = bytes;
  }
  return { status: res.status, body, headers: res.headers };
}

/** The next instant, after the sim clock's now, at `hour:minute` UTC. */
function nextUtc(hour: number, minute: number): Date {
  const at = new Date(fx.cluster.sim.clock.now());
  at.setUTCHours(hour, minute, 0, 0);
  if (at.getTime() <= fx.cluster.sim.clock.now()) at.setUTCDate(at.getUTCDate() + 1);
  return at;
}

/** Polls a backups list until `test` passes (bounded). */
async function waitForView(handler: RouteHandler, path: string, params: Record<string, string>, test: (view: any) => boolean, timeoutMs = 20_000) { // eslint-disable-line @typescript-eslint/no-explicit-any
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await call(handler, path, { params });
    if (last.status === 200 && test(last.body)) return last.body;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`backups of ${path} never matched; last: ${JSON.stringify(last?.body)}`);
}

/** Runs `sh -c script` in a pod of the project (the app or database writing its data); its stdout. */
const execIn = (pod: string, container: string, script: string) => execInPod(fx.cluster.kubeConfig, { namespace: "shop", pod, container }, script);

async function waitForRunning(pod: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const live = (await readObject(fx.cluster.kubeConfig, { apiVersion: "v1", kind: "Pod", namespace: "shop", name: pod })) as { status?: { containerStatuses?: Array<{ ready?: boolean }> } } | undefined;
    if (live?.status?.containerStatuses?.every((c) => c.ready)) return;
    if (Date.now() > deadline) throw new Error(`${pod} never became ready: ${JSON.stringify(live?.status)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function appPod(): Promise<string | undefined> {
  const pods = await listObjects(fx.cluster.kubeConfig, resourceKindNamed("Pod"), { namespace: "shop", labelSelector: "berth.dev/app=web" });
  const ready = pods.items.find((p) => (p as { status?: { containerStatuses?: Array<{ ready?: boolean }> } }).status?.containerStatuses?.every((c) => c.ready) && !p.metadata.deletionTimestamp);
  return ready?.metadata.name;
}

async function waitForReadyApp(timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await appPod())) {
    if (Date.now() > deadline) throw new Error("the app never came back");
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function execInAppOutput(script: string): Promise<string> {
  return execIn((await appPod())!, "web", script);
}

async function execInApp(script: string): Promise<void> {
  await execInAppOutput(script);
}

const succeededRuns = (view: { runs: Array<{ outcome: string }> }) => view.runs.filter((r) => r.outcome === "succeeded").length;

describe("backups over REST", () => {
  it("refuses a bad schedule with a sentence and changes nothing", async () => {
    const before = await getDb().auditEvent.count();
    const seconds = await call(volumeSchedule.PUT, `${BASE}/schedule`, { method: "PUT", params: VOLUME, body: { schedule: "0 0 3 * * *" } });
    expect(seconds.status).toBe(400);
    expect(seconds.body.error.message).toMatch(/Kubernetes has no seconds field/);
    const keep = await call(volumeSchedule.PUT, `${BASE}/schedule`, { method: "PUT", params: VOLUME, body: { schedule: "0 3 * * *", keep: 101 } });
    expect(keep.status).toBe(400);
    expect(keep.body.error.message).toMatch(/keep must be between 1 and 100/);
    const unknown = await call(volumeSchedule.PUT, `${BASE}/schedule`, { method: "PUT", params: VOLUME, body: { schedule: "0 3 * * *", retain: 3 } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/retain: unknown field/);
    const asViewer = await call(volumeSchedule.PUT, `${BASE}/schedule`, { method: "PUT", params: VOLUME, bearer: viewer, body: { schedule: "0 3 * * *" } });
    expect(asViewer.status).toBe(403);
    const noVolume = await call(volumeSchedule.PUT, "/api/projects/shop/apps/web/volumes/cache/backups/schedule", { method: "PUT", params: { ...VOLUME, volume: "cache" }, body: { schedule: "0 3 * * *" } });
    expect(noVolume.status).toBe(404);
    expect(noVolume.body.error.message).toBe('App "web" has no volume "cache".');
    expect(await getDb().auditEvent.count()).toBe(before);
    expect(await getDb().backupSchedule.count()).toBe(0);
    const view = await call(volumeBackups.GET, BASE, { params: VOLUME, bearer: viewer });
    expect(view.body).toMatchObject({ target: { kind: "volume", name: "data" }, schedule: null, volume: { claim: "berth-backups", phase: null }, backups: [], runs: [], lastSuccessAt: null, warning: null });
    expect(view.body.consistency).toMatch(/The app keeps running while its volume is archived/);
  });

  it("schedules an app volume's backup: the CronJob and the backup volume are applied at once, as the design renders them", async () => {
    fx.cluster.sim.clock.set(nextUtc(2, 58));
    const set = await call(volumeSchedule.PUT, `${BASE}/schedule`, { method: "PUT", params: VOLUME, body: { schedule: "0 3 * * *", keep: 2 } });
    expect(set.status).toBe(200);
    expect(set.body.schedule).toMatchObject({ schedule: "0 3 * * *", timeZone: "UTC", keep: 2, description: "At 03:00, every day (UTC)", isDeployed: true });
    expect(set.body.schedule.nextRuns).toHaveLength(3);
    expect(await getDb().auditEvent.findFirst({ where: { action: "backup.schedule.set" } })).toMatchObject({ target: "shop/web/data" });

    const claim = await readObject(fx.cluster.kubeConfig, { apiVersion: "v1", kind: "PersistentVolumeClaim", namespace: "shop", name: "berth-backups" });
    expect(claim).toMatchObject({ spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "10Gi" } } } });
    const cronJob = (await readObject(fx.cluster.kubeConfig, { apiVersion: "batch/v1", kind: "CronJob", namespace: "shop", name: "web-data-backup" })) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(cronJob.spec).toMatchObject({ schedule: "0 3 * * *", timeZone: "UTC", suspend: false, concurrencyPolicy: "Forbid", successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 3 });
    const pod = cronJob.spec.jobTemplate.spec.template.spec;
    expect(cronJob.spec.jobTemplate.spec.backoffLimit).toBe(0);
    expect(pod.initContainers[0]).toMatchObject({ name: "dump", image: "busybox:1.36", command: ["tar", "-czf", "/backups/$(BERTH_RUN).partial", "-C", "/volume", "."] });
    expect(pod.containers[0]).toMatchObject({ name: "finish", command: ["sh", "-c", FINISH_SCRIPT], env: expect.arrayContaining([{ name: "PRUNE_FROM", value: "3" }]) });
  }, 60_000);

  it("runs on schedule, and lists the file the run wrote with its size", async () => {
    await execInApp("echo hello > /data/row.txt");
    fx.cluster.sim.clock.advance(3 * 60_000);
    const view = await waitForView(volumeBackups.GET, BASE, VOLUME, (v) => succeededRuns(v) === 1);
    expect(view.runs[0]).toMatchObject({ trigger: "schedule", outcome: "succeeded", message: null });
    expect(view.backups).toEqual([{ file: expect.stringMatching(/^web-data-\d{8}T\d{6}Z\.tar\.gz$/), sizeBytes: expect.any(Number), takenAt: expect.any(String) }]);
    expect(view.backups[0].sizeBytes).toBeGreaterThan(0);
    expect(view.lastSuccessAt).toBe(view.runs[0].finishedAt);
    expect(view.volume.phase).toBe("Bound");
  }, 60_000);

  it("Back up now runs at once, and retention keeps the newest `keep` files", async () => {
    for (let n = 2; n <= 3; n++) {
      fx.cluster.sim.clock.advance(60_000);
      const started = await call(volumeRun.POST, `${BASE}/run`, { method: "POST", params: VOLUME });
      expect(started.status).toBe(201);
      expect(started.body.run).toMatchObject({ trigger: "manual", outcome: "running", name: expect.stringMatching(/^web-data-backup-run-[a-z0-9]{5}$/) });
      await waitForView(volumeBackups.GET, BASE, VOLUME, (v) => succeededRuns(v) === n);
    }
    const view = (await call(volumeBackups.GET, BASE, { params: VOLUME })).body;
    expect(view.backups).toHaveLength(2);
    expect(view.backups[0].takenAt > view.backups[1].takenAt).toBe(true);
    expect(await getDb().auditEvent.count({ where: { action: "backup.run" } })).toBe(2);
  }, 60_000);

  it("downloads a backup as the bytes the dump wrote: a gzip'd tar holding the app's file", async () => {
    const view = (await call(volumeBackups.GET, BASE, { params: VOLUME })).body;
    const file = view.backups[0].file;
    const asViewer = await call(volumeFile.GET, `${BASE}/${file}`, { params: { ...VOLUME, file }, bearer: viewer });
    expect(asViewer.status).toBe(403);
    const res = await call(volumeFile.GET, `${BASE}/${file}`, { params: { ...VOLUME, file } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${file}"`);
    const bytes = res.body as Buffer;
    expect(bytes.length).toBe(view.backups[0].sizeBytes);
    const tar = gunzipSync(bytes).toString("latin1");
    expect(tar).toContain("row.txt");
    expect(tar).toContain("hello\n");

    const unknown = await call(volumeFile.GET, `${BASE}/web-data-20200101T000000Z.tar.gz`, { params: { ...VOLUME, file: "web-data-20200101T000000Z.tar.gz" } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/has no backup "web-data-20200101T000000Z.tar.gz"/);
    const traversal = await call(volumeFile.GET, `${BASE}/..%2F..%2Fetc%2Fpasswd`, { params: { ...VOLUME, file: "../../etc/passwd" } });
    expect(traversal.status).toBe(400);
  }, 60_000);

  it("asks for the typed name before a restore and says what it does", async () => {
    const view = (await call(volumeBackups.GET, BASE, { params: VOLUME })).body;
    const file = view.backups[0].file;
    const before = await getDb().auditEvent.count();
    const missing = await call(volumeRestore.POST, `${BASE}/${file}/restore`, { method: "POST", params: { ...VOLUME, file } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toBe("Type data to confirm the restore: it replaces the volume's current files, and the app is stopped meanwhile.");
    const wrong = await call(volumeRestore.POST, `${BASE}/${file}/restore`, { method: "POST", params: { ...VOLUME, file }, body: { confirm: "web" } });
    expect(wrong.status).toBe(400);
    expect(await getDb().auditEvent.count()).toBe(before);
  });

  it("restores an app volume with the app stopped meanwhile, and starts the app again", async () => {
    const file = (await call(volumeBackups.GET, BASE, { params: VOLUME })).body.backups[0].file;
    await execInApp("echo changed > /data/row.txt; echo junk > /data/new.txt");
    const started = await call(volumeRestore.POST, `${BASE}/${file}/restore`, { method: "POST", params: { ...VOLUME, file }, body: { confirm: "data" } });
    expect(started.status).toBe(202);
    expect(started.body.restore).toMatchObject({ name: expect.stringMatching(/^web-data-restore-[a-z0-9]{5}$/), file, outcome: "running" });
    const again = await call(volumeRestore.POST, `${BASE}/${file}/restore`, { method: "POST", params: { ...VOLUME, file }, body: { confirm: "data" } });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/has a restore running/);

    const done = await waitForView(volumeBackups.GET, BASE, VOLUME, (v) => v.restores[0]?.outcome !== "running", 60_000);
    expect(done.restores[0]).toMatchObject({ name: started.body.restore.name, outcome: "succeeded", message: null });
    const operation = await getDb().operation.findFirst({ where: { kind: "restore-backup" }, orderBy: { createdAt: "desc" } });
    await waitForOperation(operation!.id, 30_000);
    const job = (await readObject(fx.cluster.kubeConfig, { apiVersion: "batch/v1", kind: "Job", namespace: "shop", name: started.body.restore.name })) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(job.spec.template.spec.containers[0].command).toEqual(["sh", "-c", RESTORE_VOLUME_SCRIPT]);
    const deployment = (await readObject(fx.cluster.kubeConfig, { apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name: "web" })) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(deployment.spec.replicas).toBe(1);
    const replicasOwners = deployment.metadata.managedFields.filter((f: { fieldsV1?: { "f:spec"?: Record<string, unknown> } }) => f.fieldsV1?.["f:spec"]?.["f:replicas"] !== undefined).map((f: { manager: string }) => f.manager);
    expect(replicasOwners).toEqual(["berth"]);
    await waitForReadyApp();
    await execInApp("true");
    expect(await execInAppOutput("cat /data/row.txt; ls /data")).toBe("hello\nrow.txt\n");
  }, 120_000);

  it("backs up a database, and a restore brings its old data back", async () => {
    await waitForRunning("pg-0");
    await execIn("pg-0", "postgresql", 'mkdir -p "$PGDATA" && echo "1 alice" > "$PGDATA/row"');
    const started = await call(dbRun.POST, `${DB_BASE}/run`, { method: "POST", params: PG });
    expect(started.status).toBe(201);
    expect(started.body.run.name).toMatch(/^pg-backup-run-[a-z0-9]{5}$/);
    const cronJob = (await readObject(fx.cluster.kubeConfig, { apiVersion: "batch/v1", kind: "CronJob", namespace: "shop", name: "pg-backup" })) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(cronJob.spec.suspend).toBe(true);
    expect(cronJob.spec.jobTemplate.spec.template.spec.initContainers[0].command).toEqual([
      "pg_dump", "--format=custom", "--host=pg", "--username=$(PGUSER)", "--dbname=$(PGDATABASE)", "--file=/backups/$(BERTH_RUN).partial",
    ]);
    const view = await waitForView(dbBackups.GET, DB_BASE, PG, (v) => v.runs[0]?.outcome !== "running");
    expect(view.runs[0]).toMatchObject({ outcome: "succeeded", trigger: "manual", message: null });
    expect(view.schedule).toBeNull();
    const [backup] = view.backups;
    expect(backup).toMatchObject({ file: expect.stringMatching(/^pg-\d{8}T\d{6}Z\.dump$/), sizeBytes: expect.any(Number) });
    const download = await call(dbFile.GET, `${DB_BASE}/${backup.file}`, { params: { ...PG, file: backup.file } });
    expect((download.body as Buffer).subarray(0, 5).toString("latin1")).toBe("PGDMP");

    await execIn("pg-0", "postgresql", 'echo "1 bob" > "$PGDATA/row"');
    const restore = await call(dbRestore.POST, `${DB_BASE}/${backup.file}/restore`, { method: "POST", params: { ...PG, file: backup.file }, body: { confirm: "pg" } });
    expect(restore.status).toBe(202);
    expect(restore.body.restore).toMatchObject({ name: expect.stringMatching(/^pg-restore-[a-z0-9]{5}$/), file: backup.file, outcome: "running" });
    const job = (await readObject(fx.cluster.kubeConfig, { apiVersion: "batch/v1", kind: "Job", namespace: "shop", name: restore.body.restore.name })) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(job.spec.template.spec.containers[0].command).toEqual(["pg_restore", "--clean", "--if-exists", "--no-owner", "--host=pg", "--username=$(PGUSER)", "--dbname=$(PGDATABASE)", "/backups/$(FILE)"]);
    const restored = await waitForView(dbBackups.GET, DB_BASE, PG, (v) => v.restores[0]?.outcome !== "running");
    expect(restored.restores[0]).toMatchObject({ outcome: "succeeded", file: backup.file, message: null });
    expect(await execIn("pg-0", "postgresql", 'cat "$PGDATA/row"')).toBe("1 alice\n");
    expect(await getDb().auditEvent.count({ where: { action: "backup.restore", target: "shop/pg" } })).toBe(1);
  }, 90_000);

  it("explains a failed database backup in a sentence: which tool, its exit code, its last log line", async () => {
    await call(databases.POST, "/api/projects/shop/databases?wait=true", { method: "POST", params: { project: "shop" }, body: { name: "old", engine: "postgresql" } });
    await deleteObject(fx.cluster.kubeConfig, { apiVersion: "apps/v1", kind: "StatefulSet", namespace: "shop", name: "old" });
    while (await readObject(fx.cluster.kubeConfig, { apiVersion: "v1", kind: "Pod", namespace: "shop", name: "old-0" })) await new Promise((r) => setTimeout(r, 100));
    const params = { project: "shop", database: "old" };
    expect((await call(dbRun.POST, "/api/projects/shop/databases/old/backups/run", { method: "POST", params })).status).toBe(201);
    const view = await waitForView(dbBackups.GET, "/api/projects/shop/databases/old/backups", params, (v) => v.runs[0]?.outcome !== "running");
    expect(view.runs[0].outcome).toBe("failed");
    // libpq's last line: the refusal, or its hint after it ("Is the server running on that host …").
    expect(view.runs[0].message).toMatch(/^The backup failed\. pg_dump exited with code 1\. Its last log line: "(pg_dump: error: connection to server at "old" .*Connection refused|Is the server running on that host.*)"\.$/);
    expect(view.backups).toEqual([]);
  }, 90_000);

  it("refuses a database restore of a file it did not list", async () => {
    const file = "pg-20200101T000000Z.dump";
    const res = await call(dbRestore.POST, `${DB_BASE}/${file}/restore`, { method: "POST", params: { ...PG, file }, body: { confirm: "pg" } });
    expect(res.status).toBe(404);
    const wrong = await call(dbRestore.POST, `${DB_BASE}/${file}/restore`, { method: "POST", params: { ...PG, file }, body: { confirm: "PG" } });
    expect(wrong.body.error.message).toBe("Type pg to confirm the restore: it replaces the database's current data.");
  });

  it("warns on /status once the last success is older than twice the interval", async () => {
    const fine = await readBackups("shop", { kind: "volume", app: "web", volume: "data" }, new Date(fx.cluster.sim.clock.now()));
    expect(fine.warning).toBeNull();
    const later = new Date(fx.cluster.sim.clock.now() + 2 * 86_400_000 + 3_600_000);
    const overdue = await readBackups("shop", { kind: "volume", app: "web", volume: "data" }, later);
    expect(overdue.warning).toMatch(/^The last successful backup is 2 days old, though the schedule runs every 1 day/);

    const board = await call(statusBoard.GET, "/api/status");
    expect(board.body.apps.find((a: { app: string }) => a.app === "web")).toMatchObject({ backupWarning: null });
    expect(board.body.databases.find((d: { database: string }) => d.database === "pg")).toMatchObject({ backupWarning: null });
    const overdueBoard = withBackupWarnings(board.body, await readBackupWarnings(later));
    expect(overdueBoard.apps.find((a) => a.app === "web")!.backupWarning).toMatch(/^Volume "data": The last successful backup is 2 days old/);
  }, 60_000);

  it("removes a schedule and keeps the files, still listed", async () => {
    const removed = await call(volumeSchedule.DELETE, `${BASE}/schedule`, { method: "DELETE", params: VOLUME });
    expect(removed.status).toBe(200);
    expect(removed.body.schedule).toBeNull();
    expect(removed.body.backups).toHaveLength(2);
    const cronJob = (await readObject(fx.cluster.kubeConfig, { apiVersion: "batch/v1", kind: "CronJob", namespace: "shop", name: "web-data-backup" })) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(cronJob.spec.suspend).toBe(true);
    expect(await getDb().auditEvent.findFirst({ where: { action: "backup.schedule.remove" } })).toMatchObject({ target: "shop/web/data" });
    const again = await call(volumeSchedule.DELETE, `${BASE}/schedule`, { method: "DELETE", params: VOLUME });
    expect(again.status).toBe(404);
  }, 60_000);

  it("schedules database backups through the same code path", async () => {
    const set = await call(dbSchedule.PUT, `${DB_BASE}/schedule`, { method: "PUT", params: PG, body: { schedule: "@daily", timeZone: "Europe/Berlin" } });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ target: { kind: "database", name: "pg" }, schedule: { schedule: "@daily", timeZone: "Europe/Berlin", keep: 7, isDeployed: true }, consistency: null });
  }, 60_000);

  it("Berth's ClusterRole (deploy/berth.yaml) lets its service account schedule, run, list and download backups", async () => {
    const token = fx.cluster.sim.issueToken("system:serviceaccount:berth:berth", clusterRoleRules(fs.readFileSync("deploy/berth.yaml", "utf8"), "berth"));
    const file = path.join(fx.cluster.dir, "berth-backups-sa.kubeconfig");
    await fx.cluster.sim.writeKubeconfig(file, { token });
    const asServiceAccount = new KubeConfig();
    asServiceAccount.loadFromFile(file);
    const admin = clusterKubeConfig();
    // The reader pod goes, so the service account must make a new one for the download.
    const reader = { apiVersion: "v1", kind: "Pod", namespace: "shop", name: "berth-backups-reader" };
    await deleteObject(fx.cluster.kubeConfig, reader);
    while (await readObject(fx.cluster.kubeConfig, reader)) await new Promise((r) => setTimeout(r, 100));
    setCluster({ source: "sim", origin: fx.cluster.dir, kubeConfig: asServiceAccount, isSimulated: true });
    try {
      expect((await call(volumeSchedule.PUT, `${BASE}/schedule`, { method: "PUT", params: VOLUME, body: { schedule: "0 4 * * *", keep: 2 } })).status).toBe(200);
      const before = succeededRuns((await call(volumeBackups.GET, BASE, { params: VOLUME })).body);
      expect((await call(volumeRun.POST, `${BASE}/run`, { method: "POST", params: VOLUME })).status).toBe(201);
      const view = await waitForView(volumeBackups.GET, BASE, VOLUME, (v) => succeededRuns(v) > before || v.runs.length >= 3);
      const name = view.backups[0].file;
      const download = await call(volumeFile.GET, `${BASE}/${name}`, { params: { ...VOLUME, file: name } });
      expect(download.status).toBe(200);
      expect(gunzipSync(download.body as Buffer).toString("latin1")).toContain("hello\n");
    } finally {
      setCluster({ source: "sim", origin: fx.cluster.dir, kubeConfig: admin, isSimulated: true });
    }
  }, 90_000);
});
