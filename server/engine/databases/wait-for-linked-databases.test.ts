import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testActing } from "@/server/auth/testing/auth-fixtures";
import { getDb } from "@/server/db/client";
import { waitForLinkedDatabases, waitingSentence } from "@/server/engine/databases/wait-for-linked-databases";
import { createApp } from "@/server/engine/model/create-app";
import { createProject } from "@/server/engine/model/create-project";
import { createDatabase } from "@/server/engine/operations/create-database";
import { deployApp } from "@/server/engine/operations/deploy-app";
import { waitForOperation } from "@/server/engine/operations/wait-for-operation";
import { subscribeRevisionChanges } from "@/server/engine/revision-feed";
import { openEngineFixture, type EngineFixture } from "@/server/engine/test/engine-fixture";
import { readObject } from "@/server/kube/read-object";

const by = testActing();
let fx: EngineFixture;

beforeAll(async () => {
  fx = await openEngineFixture();
  await createProject(by, { name: "blog" });
});
afterAll(() => fx.close());

type PodLike = { status: { conditions: Array<{ type: string; status: string; lastTransitionTime: string }> } };

describe("a deploy of an app linked to a database that is still starting", () => {
  it("waits for the database's readiness before applying the app, and says so in the deploy's progress", async () => {
    const progress: string[] = [];
    const stop = subscribeRevisionChanges((c) => void (c.type === "revision-progress" && c.app === "site" && progress.push(c.message)));
    try {
      await createDatabase(by, "blog", { name: "pg", engine: "postgresql" });
      await createApp(by, "blog", { name: "site", image: "nginx:1.27", port: 80, links: [{ database: "pg" }] });
      const { operation } = await deployApp(by, { project: "blog", app: "site" });
      expect(await waitForOperation(operation.id, 40_000)).toMatchObject({ status: "succeeded" });
    } finally {
      stop();
    }
    expect(progress[0]).toBe(waitingSentence(["pg"]));
    const pod = (await readObject(fx.cluster.kubeConfig, { apiVersion: "v1", kind: "Pod", namespace: "blog", name: "pg-0" })) as unknown as PodLike;
    const readyAt = Date.parse(pod.status.conditions.find((c) => c.type === "Ready" && c.status === "True")!.lastTransitionTime);
    const deployment = await readObject(fx.cluster.kubeConfig, { apiVersion: "apps/v1", kind: "Deployment", namespace: "blog", name: "site" });
    expect(Date.parse(deployment!.metadata.creationTimestamp!)).toBeGreaterThanOrEqual(readyAt);
    const revision = await getDb().revision.findFirstOrThrow({ where: { app: { name: "site" } } });
    expect(revision.message ?? "").not.toContain("still not ready");
  }, 60_000);

  it("does not wait for a database that is ready already", async () => {
    const progress: string[] = [];
    const stop = subscribeRevisionChanges((c) => void (c.type === "revision-progress" && progress.push(c.message)));
    const result = await waitForLinkedDatabases(fx.cluster.kubeConfig, { namespace: "blog", app: "site", databases: ["pg"], timeoutMs: 2_000 });
    stop();
    expect(result).toBeUndefined();
    expect(progress).toEqual([]);
  });

  it("gives up after its bound with a sentence naming the database, instead of holding the deploy forever", async () => {
    const started = Date.now();
    const result = await waitForLinkedDatabases(fx.cluster.kubeConfig, { namespace: "blog", app: "site", databases: ["pg", "never"], timeoutMs: 600 });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(result).toBe('Database "never" was still not ready after 1 s; the app is deployed anyway and connects once it is (the database\'s page says what holds it up).');
  });
});
