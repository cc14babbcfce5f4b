import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { createApp } from "@/server/engine/model/create-app";
import { createProject } from "@/server/engine/model/create-project";
import { getApp } from "@/server/engine/model/get-app";
import { removeHostname } from "@/server/engine/model/remove-hostname";
import { updateApp } from "@/server/engine/model/update-app";
import { listAppObjects } from "@/server/engine/prune-app";
import { listRevisions } from "@/server/engine/revisions";
import { deleteApp } from "@/server/engine/operations/delete-app";
import { deleteProject } from "@/server/engine/operations/delete-project";
import { deployApp } from "@/server/engine/operations/deploy-app";
import { rollbackApp } from "@/server/engine/operations/rollback-app";
import { scaleApp } from "@/server/engine/operations/scale-app";
import { startApp } from "@/server/engine/operations/start-app";
import { stopApp } from "@/server/engine/operations/stop-app";
import { waitForOperation } from "@/server/engine/operations/wait-for-operation";
import { openEngineFixture, type EngineFixture } from "@/server/engine/test/engine-fixture";
import { readObject } from "@/server/kube/read-object";
import { testActing } from "@/server/auth/testing/auth-fixtures";

const by = testActing();

let fx: EngineFixture;
beforeAll(async () => {
  fx = await openEngineFixture();
  await createProject(by, { name: "shop", displayName: "The shop" });
  await createApp(by, "shop", {
    name: "web",
    image: "nginx:1.27",
    port: 80,
    hostnames: [{ host: "shop.example.com" }],
    volumes: [{ name: "data", size: "1Gi", mountPath: "/data" }],
    secretEnv: [{ name: "TOKEN", value: "s3cret" }],
  });
});
afterAll(() => fx.close());

const kinds = async (app = "web") => (await listAppObjects(fx.cluster.kubeConfig, "shop", app)).filter((o) => !o.metadata.deletionTimestamp).map((o) => o.kind).sort();
const deploy = async (app = "web") => {
  const { operation, revision } = await deployApp(testActing("alice"), { project: "shop", app });
  return { operation: await waitForOperation(operation.id, 15_000), revision };
};
const revision = async (number: number, app = "web") => (await listRevisions("shop", app)).find((r) => r.number === number);

describe("deploying an app", () => {
  it("creates revision 1, applies every object with Berth's labels, and records success", async () => {
    const { operation, revision: created } = await deploy();
    expect(created).toMatchObject({ number: 1, outcome: "pending", actor: "alice" });
    expect(operation).toMatchObject({ status: "succeeded", kind: "deploy" });
    expect(await revision(1)).toMatchObject({ outcome: "succeeded", message: expect.stringContaining("1 of 1") });
    expect(await kinds()).toEqual(["Deployment", "Ingress", "PersistentVolumeClaim", "Secret", "Service"]);
    const deployment = await readObject(fx.cluster.kubeConfig, { apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name: "web" });
    expect(deployment?.metadata.labels).toMatchObject({ "app.kubernetes.io/managed-by": "berth", "berth.dev/project": "shop", "berth.dev/app": "web" });
  });

  it("never stores a secret value in the revision", async () => {
    const row = await getDb().revision.findFirstOrThrow({ where: { number: 1 } });
    expect(row.spec + row.objects).not.toContain("s3cret");
    expect(row.objects).not.toContain(Buffer.from("s3cret").toString("base64"));
  });

  it("a new image becomes revision 2 and rolls out", async () => {
    const current = await getApp("shop", "web");
    await updateApp(by, "shop", "web", { ...current.spec, image: "nginx:1.28" });
    const { operation } = await deploy();
    expect(operation.status).toBe("succeeded");
    expect(await revision(2)).toMatchObject({ outcome: "succeeded", spec: expect.objectContaining({ image: "nginx:1.28" }) });
  });

  it("an image that does not exist fails the revision with the explanation", async () => {
    const current = await getApp("shop", "web");
    await updateApp(by, "shop", "web", { ...current.spec, image: "nginx:notfound" });
    const { operation } = await deploy();
    expect(operation.status).toBe("failed");
    const failed = await revision(3);
    expect(failed?.outcome).toBe("failed");
    expect(failed?.message).toContain("nginx:notfound could not be pulled");
  });

  it("rolls back to revision 2: a new revision with that spec, and the app's spec follows", async () => {
    const { operation, revision: created } = await rollbackApp(testActing("alice"), { project: "shop", app: "web", revision: 2 });
    expect(created.number).toBe(4);
    expect((await waitForOperation(operation.id, 15_000)).status).toBe("succeeded");
    expect(await revision(4)).toMatchObject({ outcome: "succeeded", spec: expect.objectContaining({ image: "nginx:1.28" }) });
    expect((await getApp("shop", "web")).spec.image).toBe("nginx:1.28");
  });

  it("refuses to scale past 1 replica with a ReadWriteOnce volume, changing nothing", async () => {
    await expect(scaleApp(by, { project: "shop", app: "web", replicas: 2 })).rejects.toThrow(/ReadWriteOnce/);
    expect((await getApp("shop", "web")).spec.replicas).toBe(1);
    expect((await listRevisions("shop", "web")).length).toBe(4);
  });

  it("stops (0 replicas) and starts again with the previous count", async () => {
    const stopped = await stopApp(by, { project: "shop", app: "web" });
    expect((await waitForOperation(stopped.operation.id, 15_000)).status).toBe("succeeded");
    expect((await getApp("shop", "web")).spec.replicas).toBe(0);
    const started = await startApp(by, { project: "shop", app: "web" });
    expect((await waitForOperation(started.operation.id, 15_000)).status).toBe("succeeded");
    expect((await getApp("shop", "web")).spec.replicas).toBe(1);
  });

  it("removing the hostname prunes the Ingress on the next deploy", async () => {
    await removeHostname(by, "shop", "web", "shop.example.com");
    expect((await deploy()).operation.status).toBe("succeeded");
    expect(await kinds()).toEqual(["Deployment", "PersistentVolumeClaim", "Secret", "Service"]);
  });

  it("deleting the app keeps its PVC", async () => {
    const op = await deleteApp(by, { project: "shop", app: "web" });
    expect((await waitForOperation(op.id, 15_000)).status).toBe("succeeded");
    expect(await kinds()).toEqual(["PersistentVolumeClaim"]);
    await expect(getApp("shop", "web")).rejects.toMatchObject({ code: "not_found" });
  });

  it("deleting an app with its data removes the PVC too", async () => {
    await createApp(by, "shop", { name: "db", image: "postgres:17", port: 5432, volumes: [{ name: "pg", size: "1Gi", mountPath: "/var/lib/postgresql" }] });
    expect((await deploy("db")).operation.status).toBe("succeeded");
    expect(await kinds("db")).toContain("PersistentVolumeClaim");
    const op = await deleteApp(by, { project: "shop", app: "db", deleteData: true });
    expect((await waitForOperation(op.id, 15_000)).status).toBe("succeeded");
    expect(await kinds("db")).toEqual([]);
  });

  it("deleting a project needs its name as confirmation, then removes the namespace and the rows", async () => {
    await expect(deleteProject(by, { project: "shop", confirm: "shopp" })).rejects.toMatchObject({ code: "invalid" });
    expect(await getDb().project.count()).toBe(1);
    const op = await deleteProject(by, { project: "shop", confirm: "shop" });
    expect((await waitForOperation(op.id, 15_000)).status).toBe("succeeded");
    expect(await getDb().project.count()).toBe(0);
    const ns = await readObject(fx.cluster.kubeConfig, { apiVersion: "v1", kind: "Namespace", name: "shop" });
    expect(ns === undefined || ns.metadata.deletionTimestamp !== undefined).toBe(true);
  });
});
