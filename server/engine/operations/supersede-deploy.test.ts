import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { stopEngine } from "@/server/engine/engine";
import { createApp } from "@/server/engine/model/create-app";
import { createProject } from "@/server/engine/model/create-project";
import { getApp } from "@/server/engine/model/get-app";
import { updateApp } from "@/server/engine/model/update-app";
import { listRevisions } from "@/server/engine/revisions";
import { deployApp } from "@/server/engine/operations/deploy-app";
import { restartApp } from "@/server/engine/operations/restart-app";
import { waitForOperation } from "@/server/engine/operations/wait-for-operation";
import { openEngineFixture, type EngineFixture } from "@/server/engine/test/engine-fixture";
import { readObject } from "@/server/kube/read-object";
import { testActing } from "@/server/auth/testing/auth-fixtures";

const by = testActing();

let fx: EngineFixture;
beforeAll(async () => {
  fx = await openEngineFixture();
  await createProject(by, { name: "team" });
  await createApp(by, "team", { name: "api", image: "nginx:1.27", port: 80 });
});
afterAll(() => fx.close());

const restartedAt = async () => {
  const d = await readObject(fx.cluster.kubeConfig, { apiVersion: "apps/v1", kind: "Deployment", namespace: "team", name: "api" });
  return (d?.spec as { template: { metadata: { annotations?: Record<string, string> } } }).template.metadata.annotations?.["berth.dev/restartedAt"];
};

describe("deploys that overtake each other, and restarts", () => {
  it("a newer deploy supersedes one still queued; only the newest spec is applied", async () => {
    await stopEngine();
    const first = await deployApp(by, { project: "team", app: "api" });
    const app = await getApp("team", "api");
    await updateApp(by, "team", "api", { ...app.spec, image: "nginx:1.28" });
    const second = await deployApp(by, { project: "team", app: "api" });

    expect((await waitForOperation(first.operation.id)).status).toBe("superseded");
    expect((await listRevisions("team", "api")).map((r) => [r.number, r.outcome])).toEqual([[2, "pending"], [1, "superseded"]]);

    await fx.start();
    expect((await waitForOperation(second.operation.id, 15_000)).status).toBe("succeeded");
    const deployment = await readObject(fx.cluster.kubeConfig, { apiVersion: "apps/v1", kind: "Deployment", namespace: "team", name: "api" });
    expect(JSON.stringify(deployment?.spec)).toContain("nginx:1.28");
  });

  it("restart stamps the pod template, and later deploys keep the stamp (no second restart)", async () => {
    const { operation } = await restartApp(testActing("bob"), { project: "team", app: "api" });
    expect((await waitForOperation(operation.id, 15_000)).status).toBe("succeeded");
    const stamp = await restartedAt();
    expect(stamp).toMatch(/^\d{4}-\d\d-\d\dT/);

    const again = await deployApp(by, { project: "team", app: "api" });
    expect((await waitForOperation(again.operation.id, 15_000)).status).toBe("succeeded");
    expect(await restartedAt()).toBe(stamp);
    expect(await getDb().revision.count()).toBe(4);
  });
});
