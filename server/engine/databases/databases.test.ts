import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testActing } from "@/server/auth/testing/auth-fixtures";
import { getDb } from "@/server/db/client";
import { createApp } from "@/server/engine/model/create-app";
import { createProject } from "@/server/engine/model/create-project";
import { createDatabase } from "@/server/engine/operations/create-database";
import { deleteApp } from "@/server/engine/operations/delete-app";
import { deleteDatabase } from "@/server/engine/operations/delete-database";
import { deployApp } from "@/server/engine/operations/deploy-app";
import { updateDatabase } from "@/server/engine/operations/update-database";
import { waitForOperation } from "@/server/engine/operations/wait-for-operation";
import { listDatabases, readDatabase } from "@/server/engine/queries/list-databases";
import { revealDatabasePassword } from "@/server/engine/queries/reveal-database-password";
import { openEngineFixture, type EngineFixture } from "@/server/engine/test/engine-fixture";
import { eventually } from "@/server/engine/test/eventually";
import { listObjects } from "@/server/kube/list-managed";
import { resourceKindNamed } from "@/server/kube/kind-registry";
import { readObject } from "@/server/kube/read-object";

const by = testActing();
let fx: EngineFixture;

beforeAll(async () => {
  fx = await openEngineFixture();
  await createProject(by, { name: "shop" });
});
afterAll(() => fx.close());

const read = (apiVersion: string, kind: string, name: string) => readObject(fx.cluster.kubeConfig, { apiVersion, kind, namespace: "shop", name });
const settle = async <T extends { operation: { id: string } | null }>(p: Promise<T>) => {
  const result = await p;
  return { ...result, operation: result.operation ? await waitForOperation(result.operation.id, 20_000) : null };
};

type PodLike = { spec: { containers: Array<{ env?: Array<{ name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }> }> } };

describe("a PostgreSQL database linked to an app, against the simulated cluster", () => {
  it("creates the StatefulSet, its claim, both Services and the credentials Secret, with the password sealed at rest", async () => {
    const { database, operation } = await settle(createDatabase(by, "shop", { name: "pg", engine: "postgresql", size: "1Gi" }));
    expect(operation).toMatchObject({ status: "succeeded", kind: "apply-database" });
    expect(database.connection).toEqual({
      host: "pg.shop.svc.cluster.local",
      port: 5432,
      username: "pg",
      database: "pg",
      url: "postgresql://pg:********@pg.shop.svc.cluster.local:5432/pg",
    });
    const sts = await read("apps/v1", "StatefulSet", "pg");
    expect(sts?.metadata.labels).toMatchObject({ "app.kubernetes.io/managed-by": "berth", "berth.dev/project": "shop", "berth.dev/database": "pg" });
    expect(await read("v1", "Service", "pg")).toBeDefined();
    expect(await read("v1", "Service", "pg-headless")).toBeDefined();
    const secret = (await read("v1", "Secret", "pg-credentials")) as unknown as { data: Record<string, string> };
    const row = await getDb().database.findFirstOrThrow({ where: { name: "pg" } });
    const { password } = await revealDatabasePassword(by.principal, "shop", "pg", null);
    expect(password).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(row.password.startsWith("v1:")).toBe(true);
    expect(row.password).not.toContain(password);
    expect(Buffer.from(secret.data.password, "base64").toString()).toBe(password);
    await eventually("the pod and its claim", async () => ((await read("v1", "Pod", "pg-0")) && (await read("v1", "PersistentVolumeClaim", "data-pg-0")) ? true : undefined));
  });

  it("reports the database's status with a sentence once its pod is ready", async () => {
    const detail = await eventually("a healthy database", async () => {
      const d = await readDatabase("shop", "pg");
      return d.status?.health === "Healthy" ? d : undefined;
    }, 20_000);
    expect(detail.status!.message).toBe("The database is ready and accepts connections.");
    expect(detail.status!.pods.map((p) => p.name)).toEqual(["pg-0"]);
  });

  it("refuses a name an app or database already has, a smaller volume and a major upgrade, each with a sentence", async () => {
    await expect(createDatabase(by, "shop", { name: "pg", engine: "redis" })).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining('already has a database named "pg"') });
    await expect(createApp(by, "shop", { name: "pg", image: "nginx:1.27", port: 80 })).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("share the namespace's Services") });
    await expect(createApp(by, "shop", { name: "pg-headless", image: "nginx:1.27", port: 80 })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining('app "pg-headless" would make the Service "pg-headless" (its Service), which is database "pg"\'s headless Service'),
    });
    await expect(createApp(by, "shop", { name: "data", image: "nginx:1.27", port: 80, volumes: [{ name: "pg-0", size: "1Gi", mountPath: "/data" }] })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining('"data-pg-0" (its volume "pg-0"), which is database "pg"\'s data volume'),
    });
    await createApp(by, "shop", { name: "api-headless", image: "nginx:1.27", port: 80 });
    await expect(createDatabase(by, "shop", { name: "api", engine: "redis" })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining('database "api" would make the Service "api-headless" (its headless Service), which is app "api-headless"\'s Service'),
    });
    expect((await listDatabases("shop")).map((d) => d.name)).toEqual(["pg"]);
    await waitForOperation((await deleteApp(by, { project: "shop", app: "api-headless" })).id, 20_000);
    await expect(updateDatabase(by, { project: "shop", database: "pg" }, { size: "512Mi" })).rejects.toMatchObject({ code: "invalid", message: expect.stringContaining("can only grow") });
    await expect(updateDatabase(by, { project: "shop", database: "pg" }, { version: "16" })).rejects.toMatchObject({ code: "invalid", message: expect.stringContaining("dump and restore") });
  });

  it("grows the claim, not the immutable claim template", async () => {
    const { operation, effects } = await settle(updateDatabase(by, { project: "shop", database: "pg" }, { size: "2Gi" }));
    expect(operation).toMatchObject({ status: "succeeded" });
    expect(effects[0]).toContain("grows from 1Gi to 2Gi");
    const claim = (await read("v1", "PersistentVolumeClaim", "data-pg-0")) as unknown as { spec: { resources: { requests: { storage: string } } } };
    expect(claim.spec.resources.requests.storage).toBe("2Gi");
    const sts = (await read("apps/v1", "StatefulSet", "pg")) as unknown as { spec: { volumeClaimTemplates: Array<{ spec: { resources: { requests: { storage: string } } } }> } };
    expect(sts.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe("1Gi");
  });

  it("gives a linked app DATABASE_URL and the parts through secretKeyRef, never a copied value", async () => {
    await createApp(by, "shop", { name: "web", image: "nginx:1.27", port: 80, links: [{ database: "pg", parts: true }] });
    const { operation } = await deployApp(by, { project: "shop", app: "web" });
    expect(await waitForOperation(operation.id, 20_000)).toMatchObject({ status: "succeeded" });
    const pods = await listObjects(fx.cluster.kubeConfig, resourceKindNamed("Pod"), { namespace: "shop", labelSelector: "berth.dev/app=web" });
    const env = (pods.items[0] as unknown as PodLike).spec.containers[0].env ?? [];
    expect(env.find((e) => e.name === "DATABASE_URL")).toEqual({ name: "DATABASE_URL", valueFrom: { secretKeyRef: { name: "pg-credentials", key: "url" } } });
    expect(env.map((e) => e.name)).toEqual(["DATABASE_URL", "DATABASE_HOST", "DATABASE_PORT", "DATABASE_USER", "DATABASE_PASSWORD", "DATABASE_NAME"]);
    const { password } = await revealDatabasePassword(by.principal, "shop", "pg", null);
    const deployment = await read("apps/v1", "Deployment", "web");
    expect(JSON.stringify(deployment)).not.toContain(password);
    expect((deployment as unknown as { spec: { template: { metadata: { annotations: Record<string, string> } } } }).spec.template.metadata.annotations["berth.dev/links-checksum"]).toMatch(/^[0-9a-f]{16}$/);
    expect((await listDatabases("shop"))[0].linkedApps).toEqual(["web"]);
  });

  it("asks before deleting a database apps link", async () => {
    await expect(deleteDatabase(by, { project: "shop", database: "pg" })).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining('"web" links database "pg"') });
  });

  it("keeps the database when the app is deleted", async () => {
    const op = await deleteApp(by, { project: "shop", app: "web" });
    expect(await waitForOperation(op.id, 20_000)).toMatchObject({ status: "succeeded" });
    expect(await read("apps/v1", "Deployment", "web")).toBeUndefined();
    expect(await read("apps/v1", "StatefulSet", "pg")).toBeDefined();
    expect((await listDatabases("shop")).map((d) => [d.name, d.linkedApps])).toEqual([["pg", []]]);
  });

  let keptPassword = "";

  it("deletes the database but keeps its claim (the data) and the credentials its data expects, unless asked", async () => {
    keptPassword = (await revealDatabasePassword(by.principal, "shop", "pg", null)).password;
    const op = await deleteDatabase(by, { project: "shop", database: "pg" });
    expect(await waitForOperation(op.id, 20_000)).toMatchObject({ status: "succeeded" });
    expect(await read("apps/v1", "StatefulSet", "pg")).toBeUndefined();
    expect(await read("v1", "Service", "pg")).toBeUndefined();
    expect(await read("v1", "Service", "pg-headless")).toBeUndefined();
    expect(await read("v1", "PersistentVolumeClaim", "data-pg-0")).toBeDefined();
    const secret = (await read("v1", "Secret", "pg-credentials")) as unknown as { data: Record<string, string>; metadata: { annotations: Record<string, string> } };
    expect(Buffer.from(secret.data.password, "base64").toString()).toBe(keptPassword);
    expect(secret.metadata.annotations).toMatchObject({ "berth.dev/data-engine": "postgresql", "berth.dev/data-version": "17" });
    expect(await listDatabases("shop")).toEqual([]);
    const audit = await getDb().auditEvent.findMany({ where: { target: "shop/pg" }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["database.create", "database.password.reveal", "database.update", "database.password.reveal", "database.password.reveal", "database.delete"]);
  });

  it("refuses to put another engine or major version on the kept volume, naming what it holds", async () => {
    await expect(createDatabase(by, "shop", { name: "pg", engine: "mysql" })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining('The kept volume "data-pg-0" holds PostgreSQL data, which MySQL cannot open'),
    });
    await expect(createDatabase(by, "shop", { name: "pg", engine: "postgresql", version: "16" })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("holds PostgreSQL 17 data, which PostgreSQL 16 cannot open"),
    });
    expect(await listDatabases("shop")).toEqual([]);
  });

  it("recreates the database on its kept volume with the credentials the data was initialised with, and says so", async () => {
    const { database, operation, effects } = await settle(createDatabase(by, "shop", { name: "pg", engine: "postgresql", size: "1Gi" }));
    expect(operation).toMatchObject({ status: "succeeded" });
    expect(effects[0]).toContain('Reusing the credentials of the kept volume "data-pg-0"');
    // The claim grew to 2Gi before the delete; it cannot shrink back to the 1Gi asked for.
    expect(effects[1]).toContain("The kept volume is 2Gi");
    expect(database.size).toBe("2Gi");
    expect((await revealDatabasePassword(by.principal, "shop", "pg", null)).password).toBe(keptPassword);
    const secret = (await read("v1", "Secret", "pg-credentials")) as unknown as { data: Record<string, string> };
    expect(Buffer.from(secret.data.password, "base64").toString()).toBe(keptPassword);
    await eventually("the pod on the kept claim", async () => ((await readDatabase("shop", "pg")).status?.health === "Healthy" ? true : undefined), 20_000);
  });

  it("deletes the kept credentials with the data, so the next database of that name starts fresh", async () => {
    const op = await deleteDatabase(by, { project: "shop", database: "pg", deleteData: true });
    expect(await waitForOperation(op.id, 20_000)).toMatchObject({ status: "succeeded" });
    expect(await read("v1", "Secret", "pg-credentials")).toBeUndefined();
    await eventually("the claim to go", async () => ((await read("v1", "PersistentVolumeClaim", "data-pg-0")) ? undefined : true), 20_000);
    const { effects } = await settle(createDatabase(by, "shop", { name: "pg", engine: "mysql" }));
    expect(effects).toEqual([]);
    expect((await revealDatabasePassword(by.principal, "shop", "pg", null)).password).not.toBe(keptPassword);
    await waitForOperation((await deleteDatabase(by, { project: "shop", database: "pg", deleteData: true })).id, 20_000);
  });

  it("deletes the claim too with deleteData", async () => {
    await settle(createDatabase(by, "shop", { name: "cache", engine: "redis" }));
    await eventually("the redis claim", async () => ((await read("v1", "PersistentVolumeClaim", "data-cache-0")) ? true : undefined));
    const op = await deleteDatabase(by, { project: "shop", database: "cache", deleteData: true });
    expect(await waitForOperation(op.id, 20_000)).toMatchObject({ status: "succeeded" });
    await eventually("the claim to go", async () => ((await read("v1", "PersistentVolumeClaim", "data-cache-0")) ? undefined : true));
  });
});
