import fs from "node:fs";
import path from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as databases from "@/app/api/projects/[project]/databases/route";
import * as dbBackups from "@/app/api/projects/[project]/databases/[database]/backups/route";
import * as dbRun from "@/app/api/projects/[project]/databases/[database]/backups/run/route";
import * as dbFile from "@/app/api/projects/[project]/databases/[database]/backups/[file]/route";
import * as dbRestore from "@/app/api/projects/[project]/databases/[database]/backups/[file]/restore/route";
import { getDb } from "@/server/db/client";
import { waitForOperation } from "@/server/engine/operations/wait-for-operation";
import { openApiFixture } from "@/server/http/testing/api-fixture";
import { execInPod } from "@/server/http/testing/exec-in-pod";
import { callRoute, routeRequest } from "@/server/http/testing/route-request";
import { clusterKubeConfig, setCluster } from "@/server/kube/cluster";
import { clusterRoleRules } from "@/server/sim/http/rbac";
import { readObject } from "@/server/kube/read-object";

/**
 * Back up now, download and restore through Berth for the engines the main backups test does not
 * take end to end (PostgreSQL and Redis are there): MySQL, MariaDB and MongoDB, each with its own
 * dump tool in the sim, a row written into the data directory by exec and brought back by the
 * restore after it was changed.
 */
const api = openApiFixture(async () => {
  await api.call(projects.POST, "/api/projects", { method: "POST", body: { name: "eng" } });
});

const ENGINES = [
  { engine: "mysql", container: "mysql", dataDir: "/var/lib/mysql", ext: "sql", magic: "-- MySQL dump", restoreTool: "mysql" },
  { engine: "mariadb", container: "mariadb", dataDir: "/var/lib/mysql", ext: "sql", magic: "-- MariaDB dump", restoreTool: "mariadb" },
  { engine: "mongodb", container: "mongodb", dataDir: "/data/db", ext: "archive.gz", magic: "\x1f\x8b", restoreTool: "mongorestore" },
] as const;

async function view(database: string) {
  return (await api.call(dbBackups.GET, `/api/projects/eng/databases/${database}/backups`, { params: { project: "eng", database } })).body;
}

async function waitForView(database: string, test: (v: any) => boolean, timeoutMs = 30_000) { // eslint-disable-line @typescript-eslint/no-explicit-any
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await view(database);
    if (test(last)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the backups of ${database} never matched; last: ${JSON.stringify(last)}`);
}

async function waitForReady(pod: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const live = (await readObject(api.fx.cluster.kubeConfig, { apiVersion: "v1", kind: "Pod", namespace: "eng", name: pod })) as { status?: { containerStatuses?: Array<{ ready?: boolean }> } } | undefined;
    if (live?.status?.containerStatuses?.every((c) => c.ready)) return;
    if (Date.now() > deadline) throw new Error(`${pod} never became ready`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const execIn = (pod: string, container: string, script: string) => execInPod(api.fx.cluster.kubeConfig, { namespace: "eng", pod, container }, script);

async function download(database: string, file: string): Promise<Buffer> {
  const res = await callRoute(dbFile.GET, routeRequest(`/api/projects/eng/databases/${database}/backups/${file}`, { bearer: api.admin }), { project: "eng", database, file });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

describe("database backups through Berth, engine by engine", () => {
  for (const e of ENGINES) {
    it(`${e.engine}: Back up now, download, and a restore brings the old row back`, async () => {
      const name = `${e.engine.slice(0, 5)}db`;
      const created = await api.call(databases.POST, "/api/projects/eng/databases?wait=true", { method: "POST", params: { project: "eng" }, body: { name, engine: e.engine } });
      expect(created.body.operation.status).toBe("succeeded");
      const pod = `${name}-0`;
      await waitForReady(pod);
      await execIn(pod, e.container, `echo "1 alice" > ${e.dataDir}/row`);

      const started = await api.call(dbRun.POST, `/api/projects/eng/databases/${name}/backups/run`, { method: "POST", params: { project: "eng", database: name } });
      expect(started.status).toBe(201);
      const done = await waitForView(name, (v) => v.runs[0] !== undefined && v.runs[0].outcome !== "running");
      expect(done.runs[0]).toMatchObject({ outcome: "succeeded", message: null });
      const [backup] = done.backups;
      expect(backup.file).toMatch(new RegExp(`^${name}-\\d{8}T\\d{6}Z\\.${e.ext.replace(".", "\\.")}$`));
      expect((await download(name, backup.file)).subarray(0, e.magic.length).toString("latin1")).toBe(e.magic);

      await execIn(pod, e.container, `echo "1 bob" > ${e.dataDir}/row`);
      const restore = await api.call(dbRestore.POST, `/api/projects/eng/databases/${name}/backups/${backup.file}/restore`, { method: "POST", params: { project: "eng", database: name, file: backup.file }, body: { confirm: name } });
      expect(restore.status).toBe(202);
      const job = (await readObject(api.fx.cluster.kubeConfig, { apiVersion: "batch/v1", kind: "Job", namespace: "eng", name: restore.body.restore.name })) as unknown as { spec: { template: { spec: { containers: Array<{ command: string[] }> } } } };
      expect(job.spec.template.spec.containers[0].command[0]).toBe(e.restoreTool);
      const restored = await waitForView(name, (v) => v.restores[0] !== undefined && v.restores[0].outcome !== "running");
      expect(restored.restores[0]).toMatchObject({ outcome: "succeeded", message: null });
      expect(await execIn(pod, e.container, `cat ${e.dataDir}/row`)).toBe("1 alice\n");
    }, 120_000);
  }

  it("redis: restores from its RDB snapshot as the AOF's base, with the server stopped meanwhile", async () => {
    expect((await api.call(databases.POST, "/api/projects/eng/databases?wait=true", { method: "POST", params: { project: "eng" }, body: { name: "cache", engine: "redis" } })).body.operation.status).toBe("succeeded");
    await waitForReady("cache-0");
    await execIn("cache-0", "redis", "echo 'k=old' > /data/keys");
    expect((await api.call(dbRun.POST, "/api/projects/eng/databases/cache/backups/run", { method: "POST", params: { project: "eng", database: "cache" } })).status).toBe(201);
    const file = (await waitForView("cache", (v) => v.runs[0]?.outcome === "succeeded" || v.runs[0]?.outcome === "failed")).backups[0]?.file;
    expect(file).toMatch(/^cache-\d{8}T\d{6}Z\.rdb$/);
    await execIn("cache-0", "redis", "echo 'k=new' > /data/keys");

    const started = await api.call(dbRestore.POST, `/api/projects/eng/databases/cache/backups/${file}/restore`, { method: "POST", params: { project: "eng", database: "cache", file }, body: { confirm: "cache" } });
    expect(started.status).toBe(202);
    expect((await waitForView("cache", (v) => v.restores[0] !== undefined && v.restores[0].outcome !== "running", 60_000)).restores[0]).toMatchObject({ outcome: "succeeded", file });
    const operation = await getDb().operation.findFirst({ where: { kind: "restore-backup", appName: "cache" }, orderBy: { createdAt: "desc" } });
    expect((await waitForOperation(operation!.id, 30_000)).status).toBe("succeeded");
    await waitForReady("cache-0");
    expect(await execIn("cache-0", "redis", "cat /data/keys")).toBe("k=old\n");
  }, 120_000);

  it("Berth's ClusterRole (deploy/berth.yaml) lets its service account restore: a tool's Job, and a volume restore that stops the server", async () => {
    // The backups above were made as the admin (the main backups test proves backing up as the service account).
    const cache = "cache";
    const cacheFile = (await view(cache)).backups[0].file;
    await execIn("cache-0", "redis", "echo 'k=new' > /data/keys");
    const mysqlFile = (await view("mysqldb")).backups[0].file;
    await execIn("mysqldb-0", "mysql", 'echo "1 carol" > /var/lib/mysql/row');

    const token = api.fx.cluster.sim.issueToken("system:serviceaccount:berth:berth", clusterRoleRules(fs.readFileSync("deploy/berth.yaml", "utf8"), "berth"));
    const file = path.join(api.fx.cluster.dir, "berth-restore-sa.kubeconfig");
    await api.fx.cluster.sim.writeKubeconfig(file, { token });
    const asServiceAccount = new KubeConfig();
    asServiceAccount.loadFromFile(file);
    const admin = clusterKubeConfig();
    setCluster({ source: "sim", origin: api.fx.cluster.dir, kubeConfig: asServiceAccount, isSimulated: true });
    try {
      const tool = await api.call(dbRestore.POST, `/api/projects/eng/databases/mysqldb/backups/${mysqlFile}/restore`, { method: "POST", params: { project: "eng", database: "mysqldb", file: mysqlFile }, body: { confirm: "mysqldb" } });
      expect(tool.status).toBe(202);
      expect((await waitForView("mysqldb", (v) => v.restores[0]?.name === tool.body.restore.name && v.restores[0].outcome !== "running")).restores[0]).toMatchObject({ outcome: "succeeded" });

      const volume = await api.call(dbRestore.POST, `/api/projects/eng/databases/cache/backups/${cacheFile}/restore`, { method: "POST", params: { project: "eng", database: cache, file: cacheFile }, body: { confirm: cache } });
      expect(volume.status).toBe(202);
      expect((await waitForView(cache, (v) => v.restores[0] !== undefined && v.restores[0].outcome !== "running", 60_000)).restores[0]).toMatchObject({ outcome: "succeeded" });
      const operation = await getDb().operation.findFirst({ where: { kind: "restore-backup", appName: cache }, orderBy: { createdAt: "desc" } });
      expect((await waitForOperation(operation!.id, 30_000)).status).toBe("succeeded");
    } finally {
      setCluster({ source: "sim", origin: api.fx.cluster.dir, kubeConfig: admin, isSimulated: true });
    }
    await waitForReady("cache-0");
    expect(await execIn("cache-0", "redis", "cat /data/keys")).toBe("k=old\n");
    expect(await execIn("mysqldb-0", "mysql", "cat /var/lib/mysql/row")).toBe("1 alice\n");
  }, 120_000);
});
