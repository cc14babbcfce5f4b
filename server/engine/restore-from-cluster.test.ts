import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/server/db/client";
import { migrateDatabase } from "@/server/db/migrate";
import { stopEngine } from "@/server/engine/engine";
import { createApp } from "@/server/engine/model/create-app";
import { createProject } from "@/server/engine/model/create-project";
import { getApp } from "@/server/engine/model/get-app";
import { getProject } from "@/server/engine/model/get-project";
import { appSpecOf, findAppOrThrow } from "@/server/engine/model/app-record";
import { deployApp } from "@/server/engine/operations/deploy-app";
import { waitForOperation } from "@/server/engine/operations/wait-for-operation";
import { restoreFromCluster } from "@/server/engine/restore-from-cluster";
import { openEngineFixture, type EngineFixture } from "@/server/engine/test/engine-fixture";
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
  tasks: [{ name: "cleanup", schedule: "0 3 * * *", timeZone: "Europe/Berlin", command: ["sh", "-c", "echo cleaned"] }],
};

beforeAll(async () => {
  fx = await openEngineFixture();
  await createProject(by, { name: "shop", displayName: "The shop" });
  await createApp(by, "shop", spec);
  await createApp(by, "shop", { name: "worker", image: "busybox:1.36", port: 9000, command: ["sh", "-c", "sleep 1d"] });
  for (const app of ["web", "worker"]) {
    const { operation } = await deployApp(by, { project: "shop", app });
    expect((await waitForOperation(operation.id, 15_000)).status).toBe("succeeded");
  }
  await stopEngine();
});
afterAll(async () => {
  await fx.close();
  for (const dir of freshDirs) fs.rmSync(dir, { recursive: true, force: true });
});

async function freshDatabase(): Promise<string> {
  await closeDb();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-restore-"));
  freshDirs.push(dataDir);
  process.env.BERTH_DATA_DIR = dataDir;
  await migrateDatabase(dataDir);
  return dataDir;
}

describe("restore-from-cluster", () => {
  it("refuses a database that already has projects, changing nothing", async () => {
    await expect(restoreFromCluster(fx.cluster.kubeConfig)).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("only fills an empty database") });
    expect(await getDb().app.count()).toBe(2);
  });

  it("rebuilds projects and apps, secret values included, in an empty database", async () => {
    await freshDatabase();
    const report = await restoreFromCluster(fx.cluster.kubeConfig);
    expect(report).toEqual({ projects: ["shop"], apps: ["shop/web", "shop/worker"], skipped: [] });
    expect((await getProject("shop")).displayName).toBe("The shop");
    expect((await getApp("shop", "worker")).spec.command).toEqual(["sh", "-c", "sleep 1d"]);
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
    expect(stdout).toContain("Restored 2 app(s) in 1 project(s)");
    expect((await getApp("shop", "web")).spec.image).toBe("nginx:1.27");
  }, 60_000);
});
