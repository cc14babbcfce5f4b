import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/server/db/client";
import { stopEngine } from "@/server/engine/engine";
import { createApp } from "@/server/engine/model/create-app";
import { createProject } from "@/server/engine/model/create-project";
import { getApp } from "@/server/engine/model/get-app";
import { getProject } from "@/server/engine/model/get-project";
import { appSpecOf, findAppOrThrow } from "@/server/engine/model/app-record";
import { deployApp } from "@/server/engine/operations/deploy-app";
import { waitForOperation } from "@/server/engine/operations/wait-for-operation";
import { restoreFromCluster } from "@/server/engine/restore-from-cluster";
import { createDatabase } from "@/server/engine/operations/create-database";
import { listDatabases } from "@/server/engine/queries/list-databases";
import { readObject } from "@/server/kube/read-object";
import { openEngineFixture, type EngineFixture } from "@/server/engine/test/engine-fixture";
import { openFreshDatabase } from "@/server/engine/test/fresh-database";
import { testActing } from "@/server/auth/testing/auth-fixtures";

const by = testActing();

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");

let fx: EngineFixture;
const freshDirs: string[] = [];
const spec = {
  name: "web",
  image: "nginx:1.27",
  port: 8080,
  replicas: 1,
  env: [{ name: "MODE", value: "prod" }],
  secretEnv: [{ name: "API_KEY", value: "k3y-value" }],
  hostnames: [{ host: "shop.example.com", path: "/api" }],
  volumes: [{ name: "data", size: "2Gi", mountPath: "/data" }],
  files: [
    { path: "/etc/web/config.yaml", content: "mode: prod\n", secret: false },
    { path: "/etc/web/token", content: "t0ken-value", secret: true },
  ],
  tasks: [{ name: "cleanup", schedule: "0 3 * * *", timeZone: "Europe/Berlin", command: ["sh", "-c", "echo cleaned"] }],
};

beforeAll(async () => {
  fx = await openEngineFixture();
  await createProject(by, { name: "shop", displayName: "The shop" });
  await createApp(by, "shop", spec);
  await createApp(by, "shop", {
    name: "worker",
    image: "busybox:1.36",
    command: ["sh", "-c", "sleep 1d"],
    securityContext: { runAsUser: 1000, fsGroup: 1000 },
    probes: { liveness: { type: "command", command: ["true"] } },
  });
  const { operation: dbApply } = await createDatabase(by, "shop", { name: "pg", engine: "postgresql", size: "1Gi" });
  expect((await waitForOperation(dbApply.id, 15_000)).status).toBe("succeeded");
  for (const app of ["web", "worker"]) {
    const { operation } = await deployApp(by, { project: "shop", app });
    const done = await waitForOperation(operation.id, 15_000);
    expect(done.status, JSON.stringify(done)).toBe("succeeded");
  }
  await stopEngine();
});
afterAll(async () => {
  await fx.close();
  for (const dir of freshDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** The password the database's pod reads: the live Secret's, which a restore must keep. */
async function fetchPassword(): Promise<string> {
  const secret = (await readObject(fx.cluster.kubeConfig, { apiVersion: "v1", kind: "Secret", namespace: "shop", name: "pg-credentials" })) as unknown as { data: Record<string, string> };
  return Buffer.from(secret.data.password, "base64").toString();
}

async function freshDatabase(): Promise<string> {
  const dataDir = await openFreshDatabase("berth-restore-");
  freshDirs.push(dataDir);
  return dataDir;
}

describe("restore-from-cluster", () => {
  it("refuses a database that already has projects, changing nothing", async () => {
    await expect(restoreFromCluster(fx.cluster.kubeConfig)).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("only fills an empty database") });
    expect(await getDb().app.count()).toBe(2);
  });

  it("rebuilds projects and apps, secret values and file contents included, in an empty database", async () => {
    await freshDatabase();
    const before = await fetchPassword();
    const report = await restoreFromCluster(fx.cluster.kubeConfig);
    expect(report).toEqual({ projects: ["shop"], apps: ["shop/web", "shop/worker"], databases: ["shop/pg"], skipped: [] });
    const [database] = await listDatabases("shop");
    expect(database).toMatchObject({ name: "pg", engine: "postgresql", version: "17", size: "1Gi" });
    expect(await fetchPassword()).toBe(before);
    expect((await getProject("shop")).displayName).toBe("The shop");
    const worker = (await getApp("shop", "worker")).spec;
    expect(worker.command).toEqual(["sh", "-c", "sleep 1d"]);
    expect(worker.port).toBeUndefined();
    expect(worker).toMatchObject({ securityContext: { runAsUser: 1000, fsGroup: 1000 }, probes: { liveness: { type: "command", command: ["true"] } } });
    const restored = appSpecOf(await findAppOrThrow(getDb(), "shop", "web"));
    expect(restored).toEqual({
      ...spec,
      command: [],
      args: [],
      hostnames: [{ ...spec.hostnames[0] }],
      volumes: [{ ...spec.volumes[0], accessMode: "ReadWriteOnce" }],
      tasks: [{ ...spec.tasks[0], concurrencyPolicy: "Forbid", retries: 0, restartPolicy: "Never", successfulRunsToKeep: 3, failedRunsToKeep: 1, suspend: false }],
    });
  });

  it("runs as `npm run berth -- restore-from-cluster` against a kubeconfig", async () => {
    const dataDir = await freshDatabase();
    await closeDb();
    const kubeconfig = path.join(fx.cluster.dir, "kubeconfig.yaml");
    const { stdout } = await run(path.join(ROOT, "node_modules/.bin/tsx"), ["server/cli/berth.ts", "restore-from-cluster"], {
      cwd: ROOT,
      env: { ...process.env, BERTH_DATA_DIR: dataDir, KUBECONFIG: kubeconfig },
      timeout: 60_000,
    });
    expect(stdout).toContain("Restored 2 app(s) and 1 database(s) in 1 project(s)");
    expect((await getApp("shop", "web")).spec.image).toBe("nginx:1.27");
  }, 60_000);
});
