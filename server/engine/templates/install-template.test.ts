import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testActing } from "@/server/auth/testing/auth-fixtures";
import { getDb } from "@/server/db/client";
import { createApp } from "@/server/engine/model/create-app";
import { createProject } from "@/server/engine/model/create-project";
import { installTemplate } from "@/server/engine/operations/install-template";
import { waitForOperation } from "@/server/engine/operations/wait-for-operation";
import { listDatabases } from "@/server/engine/queries/list-databases";
import { revealDatabasePassword } from "@/server/engine/queries/reveal-database-password";
import { openEngineFixture, type EngineFixture } from "@/server/engine/test/engine-fixture";
import { eventually } from "@/server/engine/test/eventually";
import { listObjects } from "@/server/kube/list-managed";
import { resourceKindNamed } from "@/server/kube/kind-registry";
import { readObject } from "@/server/kube/read-object";
import { containerEnv } from "@/server/sim/controllers/container-env";

const by = testActing();
let fx: EngineFixture;

beforeAll(async () => {
  fx = await openEngineFixture();
  await createProject(by, { name: "tools" });
});
afterAll(() => fx.close());

const read = (apiVersion: string, kind: string, name: string) => readObject(fx.cluster.kubeConfig, { apiVersion, kind, namespace: "tools", name });

type PodLike = { spec: { containers: Array<{ image: string; env?: Array<{ name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }> }> } };

const podsOf = async (app: string) => (await listObjects(fx.cluster.kubeConfig, resourceKindNamed("Pod"), { namespace: "tools", labelSelector: `berth.dev/app=${app}` })).items as unknown as PodLike[];

describe("installing templates against the simulated cluster", () => {
  it("installs Gitea with PostgreSQL: the database first, then the linked app, both deployed", async () => {
    const install = await installTemplate(by, "tools", "gitea-postgresql", { parameters: { hostname: "git.example.com" } });
    expect(install).toMatchObject({ template: "gitea-postgresql", apps: ["gitea"], databases: ["gitea-db"] });
    expect(install.operations.map((o) => o.kind)).toEqual(["apply-database", "deploy"]);
    for (const op of install.operations) expect(await waitForOperation(op.id, 30_000)).toMatchObject({ status: "succeeded" });

    expect(await read("apps/v1", "StatefulSet", "gitea-db")).toBeDefined();
    expect(await read("networking.k8s.io/v1", "Ingress", "gitea")).toBeDefined();
    expect(await read("v1", "PersistentVolumeClaim", "gitea-data")).toBeDefined();
    const [pod] = await eventually("the gitea pod", async () => ((await podsOf("gitea")).length > 0 ? podsOf("gitea") : undefined), 20_000);
    const env = pod.spec.containers[0].env ?? [];
    expect(pod.spec.containers[0].image).toBe("gitea/gitea:1.25.4");
    expect(env.find((e) => e.name === "DATABASE_PASSWORD")).toEqual({ name: "DATABASE_PASSWORD", valueFrom: { secretKeyRef: { name: "gitea-db-credentials", key: "password" } } });
    expect(env.find((e) => e.name === "GITEA__database__PASSWD")).toEqual({ name: "GITEA__database__PASSWD", value: "$(DATABASE_PASSWORD)" });
    expect((await listDatabases("tools")).find((d) => d.name === "gitea-db")?.linkedApps).toEqual(["gitea"]);
  });

  it("gives Gitea the database through the kubelet's $(VAR) expansion: the env its process sees holds the real credentials", async () => {
    const [pod] = await podsOf("gitea");
    const seen = containerEnv(fx.cluster.sim.store, pod as never, pod.spec.containers[0]);
    const { password } = await revealDatabasePassword(by.principal, "tools", "gitea-db", null);
    expect(seen).toMatchObject({
      GITEA__database__DB_TYPE: "postgres",
      GITEA__database__HOST: "gitea-db.tools.svc.cluster.local:5432",
      GITEA__database__NAME: "gitea_db",
      GITEA__database__USER: "gitea_db",
      GITEA__database__PASSWD: password,
    });
    expect(seen.GITEA__security__SECRET_KEY).toMatch(/^[A-Za-z0-9]{64}$/);
  });

  it("installs Uptime Kuma beside it, with its data volume", async () => {
    const install = await installTemplate(by, "tools", "uptime-kuma", { parameters: {} });
    expect(install.operations.map((o) => o.kind)).toEqual(["deploy"]);
    expect(await waitForOperation(install.operations[0].id, 30_000)).toMatchObject({ status: "succeeded" });
    const claim = (await read("v1", "PersistentVolumeClaim", "uptime-kuma-data")) as unknown as { spec: { resources: { requests: { storage: string } } } };
    expect(claim.spec.resources.requests.storage).toBe("1Gi");
    expect(await read("networking.k8s.io/v1", "Ingress", "uptime-kuma")).toBeUndefined();
  });

  it("refuses a second install under the same names before creating anything", async () => {
    const before = await Promise.all([getDb().app.count(), getDb().database.count(), getDb().operation.count()]);
    await expect(installTemplate(by, "tools", "gitea-postgresql", { parameters: {} })).rejects.toMatchObject({
      code: "conflict",
      message: 'Project "tools" already has an app named "gitea" and a database named "gitea-db"; nothing was installed — give the template another name parameter.',
    });
    await createApp(by, "tools", { name: "n8n", image: "nginx:1.27", port: 80 });
    await expect(installTemplate(by, "tools", "n8n-postgresql", { parameters: {} })).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining('an app named "n8n"') });
    expect(await getDb().database.count()).toBe(before[1]);
    expect(await getDb().operation.count()).toBe(before[2]);
    expect(await getDb().app.count()).toBe(before[0] + 1);
  });

  it("refuses an install whose database would take an object name an app already derives, naming it", async () => {
    await createApp(by, "tools", { name: "forge-db-headless", image: "nginx:1.27", port: 80 });
    const before = await Promise.all([getDb().app.count(), getDb().database.count(), getDb().operation.count()]);
    await expect(installTemplate(by, "tools", "gitea-postgresql", { parameters: { name: "forge" } })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining('database "forge-db" would make the Service "forge-db-headless" (its headless Service), which is app "forge-db-headless"\'s Service'),
    });
    expect(await Promise.all([getDb().app.count(), getDb().database.count(), getDb().operation.count()])).toEqual(before);
  });

  it("refuses an unknown template, an unknown parameter and unknown body fields with sentences", async () => {
    await expect(installTemplate(by, "tools", "wordpress", {})).rejects.toMatchObject({ code: "not_found", message: expect.stringContaining('There is no template "wordpress"') });
    await expect(installTemplate(by, "tools", "vaultwarden", { parameters: { domain: "x" } })).rejects.toMatchObject({ code: "invalid", message: expect.stringContaining('has no parameter "domain"') });
    await expect(installTemplate(by, "nowhere", "vaultwarden", {})).rejects.toMatchObject({ code: "not_found" });
  });

  it("audits the install beside each resource's own rows", async () => {
    const audit = await getDb().auditEvent.findMany({ where: { action: "template.install" }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.target)).toEqual(["tools/gitea-postgresql", "tools/uptime-kuma"]);
    const created = await getDb().auditEvent.findMany({ where: { target: { in: ["tools/gitea", "tools/gitea-db"] } }, orderBy: { at: "asc" } });
    expect(created.map((a) => `${a.action} ${a.target}`)).toEqual(["database.create tools/gitea-db", "app.create tools/gitea", "app.deploy tools/gitea", "database.password.reveal tools/gitea-db"]);
  });
});
