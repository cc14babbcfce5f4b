import fs from "node:fs";
import { toBoardStatus } from "@/lib/board-status";
import os from "node:os";
import path from "node:path";
import { testActing } from "@/server/auth/testing/auth-fixtures";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, dbQueryCount, getDb } from "@/server/db/client";
import { migrateDatabase } from "@/server/db/migrate";
import { createApp } from "@/server/engine/model/create-app";
import { createProject } from "@/server/engine/model/create-project";
import { listProjectSummaries } from "@/server/engine/queries/list-project-summaries";
import { readAppStatus } from "@/server/engine/queries/read-app-status";
import { readStatusBoard } from "@/server/engine/queries/read-status-board";
import { LABEL_APP, LABEL_MANAGED_BY, LABEL_PROJECT } from "@/server/engine/render/labels";
import { setCluster } from "@/server/kube/cluster";
import { stopInformers } from "@/server/kube/informers";
import { startSimCluster, type SimCluster } from "@/server/sim/testing/sim-cluster";

/**
 * The read side's pages cost a constant number of database queries whatever the number of apps:
 * the status board and the projects list are measured with 2 apps and again with 20. The engine
 * is not started, so its queue's polling does not count against them.
 */
let cluster: SimCluster;
let dataDir: string;
const deployedAt = new Map<string, Date>();

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-read-side-"));
  process.env.BERTH_DATA_DIR = dataDir;
  await closeDb();
  await migrateDatabase(dataDir);
  cluster = await startSimCluster();
  setCluster({ source: "sim", origin: cluster.dir, kubeConfig: cluster.kubeConfig, isSimulated: true });
  await createProject(testActing(), { name: "shop" });
  await createProject(testActing(), { name: "blog" });
}, 60_000);

afterAll(async () => {
  await stopInformers();
  await cluster.stop();
  await closeDb();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Adds apps up to `total`, alternating projects; every other one gets two revisions. */
async function seedApps(total: number) {
  for (let i = await getDb().app.count(); i < total; i++) {
    const project = i % 2 === 0 ? "shop" : "blog";
    const app = await createApp(testActing(), project, { name: `app-${i}`, image: `nginx:1.${i}`, port: 80, volumes: [{ name: "data", size: "1Gi", mountPath: "/data" }] });
    if (i % 2 === 0) {
      for (const number of [1, 2]) {
        const createdAt = new Date(Date.UTC(2026, 0, 1, 0, i, number));
        await getDb().revision.create({ data: { appId: app.id, number, specVersion: 1, spec: "{}", objects: "[]", outcome: "succeeded", createdAt } });
        deployedAt.set(`${project}/${app.name}`, createdAt);
      }
    }
  }
}

async function queriesOf(read: () => Promise<unknown>): Promise<number> {
  const before = dbQueryCount();
  await read();
  return dbQueryCount() - before;
}

describe("the status board and the projects list", () => {
  it("read in the same number of database queries with 2 apps as with 20", async () => {
    await seedApps(2);
    await readStatusBoard(); // the first read waits for the informers' sync
    const board2 = await queriesOf(readStatusBoard);
    const projects2 = await queriesOf(listProjectSummaries);
    await seedApps(20);
    const board20 = await queriesOf(readStatusBoard);
    const projects20 = await queriesOf(listProjectSummaries);

    expect(board20).toBe(board2);
    expect(projects20).toBe(projects2);
    expect(board2).toBeLessThanOrEqual(8);
    expect(projects2).toBeLessThanOrEqual(8);
  });

  it("list every app with its last deploy time and the status the app's own route answers", async () => {
    const board = await readStatusBoard();
    expect(board).toHaveLength(20);
    expect(board.map((e) => `${e.project}/${e.app}`)).toEqual([...board].map((e) => `${e.project}/${e.app}`).sort());
    for (const entry of board) {
      expect(entry.lastDeployAt).toBe(deployedAt.get(`${entry.project}/${entry.app}`)?.toISOString() ?? null);
      expect(entry.status).toEqual(toBoardStatus(await readAppStatus(entry.project, entry.app)));
    }
    // The model's intent reaches the board: the replicas the spec asks for, though the cluster has none.
    expect(board[0].status).toMatchObject({ health: "Stopped", desired: 1, ready: 0 });
    // The board carries what its rows show, not every app's pods and events (2.3 MB at 1,000 apps).
    expect(Object.keys(board[0].status!).sort()).toEqual(["desired", "explanation", "health", "ready", "restarts", "urls"]);
  });

  it("count each project's apps and roll up the worst health from the cluster", async () => {
    cluster.sim.store.create({ group: "", version: "v1", plural: "namespaces" }, { apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" } });
    cluster.sim.store.create({ group: "apps", version: "v1", plural: "deployments" }, {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "app-0", namespace: "shop", labels: { [LABEL_MANAGED_BY]: "berth", [LABEL_PROJECT]: "shop", [LABEL_APP]: "app-0" } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { [LABEL_APP]: "app-0" } },
        template: { metadata: { labels: { [LABEL_APP]: "app-0", [LABEL_PROJECT]: "shop", [LABEL_MANAGED_BY]: "berth" } }, spec: { containers: [{ name: "app-0", image: "nginx:1.0" }] } },
      },
    });
    let summaries = await listProjectSummaries();
    const deadline = Date.now() + 10_000;
    while (summaries.find((p) => p.name === "shop")?.health === "Stopped" && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      summaries = await listProjectSummaries();
    }
    expect(summaries.map((p) => [p.name, p.appCount])).toEqual([["blog", 10], ["shop", 10]]);
    expect(summaries.find((p) => p.name === "blog")?.health).toBe("Stopped");
    expect(summaries.find((p) => p.name === "shop")?.health).not.toBe("Stopped");
  });
});
