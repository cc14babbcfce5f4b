import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Acting } from "@/server/auth/audit";
import { testActing } from "@/server/auth/testing/auth-fixtures";
import { closeDb, getDb } from "@/server/db/client";
import { credentialsOf } from "@/server/engine/databases/database-record";
import { stopEngine } from "@/server/engine/engine";
import { appSpecOf, findAppOrThrow } from "@/server/engine/model/app-record";
import { createApp } from "@/server/engine/model/create-app";
import { createProject } from "@/server/engine/model/create-project";
import { addRegistry } from "@/server/engine/operations/add-registry";
import { createDatabase } from "@/server/engine/operations/create-database";
import { deployApp } from "@/server/engine/operations/deploy-app";
import { waitForOperation } from "@/server/engine/operations/wait-for-operation";
import { exportProject } from "@/server/engine/project-file/export-project";
import { importProject } from "@/server/engine/project-file/import-project";
import { readProjectFile } from "@/server/engine/project-file/read-project-file";
import { renderProjectManifests, renderProjectObjects } from "@/server/engine/project-file/render-project-manifests";
import { openEngineFixture, type EngineFixture } from "@/server/engine/test/engine-fixture";
import { openFreshDatabase } from "@/server/engine/test/fresh-database";
import { runKubectl } from "@/server/sim/conformance/run-kubectl";

/**
 * Export, manifests and import against a deployed project in the simulated cluster: the file
 * leaves secrets out unless asked, the manifests pass the real kubectl's server-side dry run,
 * and a project imported from its export renders the same objects.
 */

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../../..");
const by = testActing("ada");
const viewer: Acting = { principal: { ...by.principal, userName: "vic", role: "viewer" }, ip: "127.0.0.1" };

const SECRETS = ["k3y-value", "t0ken-value", "ghp_registrySecret1"];
const web = {
  name: "web",
  image: "nginx:1.27",
  port: 8080,
  env: [{ name: "MODE", value: "prod" }],
  secretEnv: [{ name: "API_KEY", value: "k3y-value" }],
  hostnames: [{ host: "www.example.com", path: "/" }],
  volumes: [{ name: "data", size: "2Gi", mountPath: "/data" }],
  files: [
    { path: "/etc/web/config.yaml", content: "mode: prod\nlevel: 3\n" },
    { path: "/etc/web/token", content: "t0ken-value", secret: true },
  ],
  links: [{ database: "pg" }],
  tasks: [{ name: "cleanup", schedule: "0 3 * * *", command: ["sh", "-c", "echo cleaned"] }],
};
const worker = { name: "worker", image: "busybox:1.36", command: ["sh", "-c", "sleep 1d"], securityContext: { runAsUser: 1000 }, probes: { liveness: { type: "command", command: ["true"] } } };

let fx: EngineFixture;
const freshDirs: string[] = [];

beforeAll(async () => {
  fx = await openEngineFixture();
  await createProject(by, { name: "shop", displayName: "The Shop" }, fx.cluster.kubeConfig);
  await addRegistry(by, "shop", { server: "ghcr.io", username: "bot", password: "ghp_registrySecret1" });
  const { operation: dbApply } = await createDatabase(by, "shop", { name: "pg", engine: "postgresql", size: "1Gi" });
  expect((await waitForOperation(dbApply.id, 15_000)).status).toBe("succeeded");
  await createApp(by, "shop", web);
  await createApp(by, "shop", worker);
  for (const app of ["web", "worker"]) {
    const { operation } = await deployApp(by, { project: "shop", app });
    expect((await waitForOperation(operation.id, 20_000)).status).toBe("succeeded");
  }
  await stopEngine();
}, 90_000);
afterAll(async () => {
  await fx.close();
  for (const dir of freshDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** Another Berth's empty database: where an export is taken to. */
async function freshDatabase(): Promise<string> {
  const dataDir = await openFreshDatabase("berth-import-");
  freshDirs.push(dataDir);
  return dataDir;
}

async function backToFixture(): Promise<void> {
  await closeDb();
  process.env.BERTH_DATA_DIR = fx.dataDir;
}

/** The objects with Secret data decoded and the project's name replaced: what must match across names. */
function withoutNames(objects: unknown[], project: string): unknown {
  const decoded = objects.map((o) => {
    const data = (o as { kind: string; data?: Record<string, string> }).kind === "Secret" ? (o as { data?: Record<string, string> }).data : undefined;
    return data ? { ...(o as object), data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v, "base64").toString()])) } : o;
  });
  return JSON.parse(JSON.stringify(decoded).replaceAll(project, "PROJECT"));
}

const rowCounts = async () => ({ projects: await getDb().project.count(), apps: await getDb().app.count(), databases: await getDb().database.count(), operations: await getDb().operation.count(), audit: await getDb().auditEvent.count() });

describe("Export", () => {
  it("writes apps, databases and registry logins, without any secret value unless asked", async () => {
    const text = await exportProject(by, "shop", { includeSecrets: false });
    for (const secret of [...SECRETS, credentialsOf((await getDb().database.findFirstOrThrow()))!.password]) expect(text).not.toContain(secret);
    expect(text).toMatch(/^# Berth project "shop", exported .* by ada\./);
    expect(text).toContain("# Secret values are not in this file");
    const { file, omitted } = readProjectFile(text);
    expect(file.metadata).toEqual({ name: "shop", displayName: "The Shop" });
    expect(file.spec.registries).toEqual([{ server: "ghcr.io", username: "bot", password: undefined }]);
    expect(file.spec.databases).toEqual([{ spec: { name: "pg", engine: "postgresql", version: "17", size: "1Gi", nodePort: false }, credentials: undefined }]);
    expect(file.spec.apps.map((a) => a.name)).toEqual(["web", "worker"]);
    expect(file.spec.apps[0]).toMatchObject({ env: web.env, hostnames: web.hostnames, volumes: [{ ...web.volumes[0], accessMode: "ReadWriteOnce" }], links: [{ database: "pg", env: "DATABASE_URL" }] });
    expect(file.spec.apps[0].files[0]).toEqual({ ...web.files[0], secret: false });
    expect(omitted).toEqual([
      { resource: "app web", what: "secret env API_KEY" },
      { resource: "app web", what: "secret file /etc/web/token" },
      { resource: "registry ghcr.io", what: "password for bot" },
    ]);
  });

  it("writes secret values in plain text under a header saying so, for an admin only, and audits it", async () => {
    await expect(exportProject(viewer, "shop", { includeSecrets: true })).rejects.toMatchObject({ code: "forbidden" });
    await expect(exportProject(viewer, "shop", { includeSecrets: false })).resolves.toContain("kind: Project");
    const text = await exportProject(by, "shop", { includeSecrets: true });
    for (const secret of SECRETS) expect(text).toContain(secret);
    expect(text).toContain("THIS FILE HOLDS SECRET VALUES IN PLAIN TEXT");
    expect(readProjectFile(text).omitted).toEqual([]);
    expect(await getDb().auditEvent.findFirst({ where: { action: "project.export" }, orderBy: { at: "desc" } })).toMatchObject({ actorName: "ada", target: "shop", detail: JSON.stringify({ secrets: true }) });
  });
});

describe("Download manifests", () => {
  it("passes `kubectl apply --dry-run=server -f` against the cluster, Secrets left out and named unless asked", async () => {
    const kubeconfig = path.join(fx.cluster.dir, "kubeconfig.yaml");
    for (const includeSecrets of [false, true]) {
      const text = await renderProjectManifests(by, "shop", { includeSecrets });
      const file = path.join(fx.cluster.dir, `manifests-${includeSecrets}.yaml`);
      fs.writeFileSync(file, text);
      const dry = await runKubectl(kubeconfig, fx.cluster.dir, ["apply", "--dry-run=server", "-f", file], 60_000);
      // Warnings only: the objects were created by server-side apply, so they lack kubectl's last-applied annotation.
      expect(dry.stderr).not.toMatch(/error/i);
      expect(dry.code).toBe(0);
      expect(dry.stdout).toContain("deployment.apps/web configured (server dry run)");
      expect(dry.stdout).toContain("statefulset.apps/pg");
      expect(dry.stdout).toContain("cronjob.batch/web-cleanup");
      expect(text.includes("kind: Secret")).toBe(includeSecrets);
      expect(text.includes("# Secrets are left out")).toBe(!includeSecrets);
      if (!includeSecrets) expect(text).toContain("#   Secret shop/web-env");
      const serverSide = await runKubectl(kubeconfig, fx.cluster.dir, ["apply", "--server-side", "--field-manager=berth", "--dry-run=server", "-f", file], 60_000);
      expect(serverSide).toMatchObject({ code: 0, stderr: "" });
      expect(serverSide.stdout).toContain("deployment.apps/web serverside-applied (server dry run)");
    }
    await expect(renderProjectManifests(viewer, "shop", { includeSecrets: true })).rejects.toMatchObject({ code: "forbidden" });
  }, 120_000);
});

describe("Import", () => {
  afterEach(backToFixture);

  it("names each problem with its line and column, and creates nothing", async () => {
    const before = await rowCounts();
    const file = [
      "apiVersion: berth.dev/v1", // 1
      "kind: Project",
      "metadata:",
      "  name: lab",
      "spec:", // 5
      "  apps:",
      "    - name: web",
      "      image: nginx:1.27",
      "      port: 99999",
      "      replica: 2", // 10
      "      links:",
      "        - database: pg",
    ].join("\n");
    const refused = (() => {
      try {
        readProjectFile(file);
      } catch (err) {
        return err as { code: string; message: string };
      }
    })();
    expect(refused?.code).toBe("invalid");
    expect(refused?.message).toContain("Line 9, column 7: spec.apps[0].port: a port must be between 1 and 65535");
    expect(refused?.message).toContain('Line 10, column 7: spec.apps[0].replica: unknown field "replica"');
    // The rules across resources run once each resource is valid on its own.
    const linked = file.replace("      port: 99999\n      replica: 2\n", "");
    await expect(importProject(by, linked)).rejects.toMatchObject({ message: expect.stringContaining('Line 10, column 11: spec.apps[0].links[0].database: the file has no database "pg"') });
    await expect(importProject(by, "apiVersion: berth.dev/v1\nkind: Project\nmetadata:\n  name: [lab\n")).rejects.toMatchObject({ code: "invalid", message: expect.stringMatching(/Line \d+, column \d+: /) });
    await expect(importProject(by, "apiVersion: berth.dev/v2\nkind: Project\nmetadata:\n  name: lab\n")).rejects.toMatchObject({ message: expect.stringContaining('Line 1, column 1: apiVersion: expected "berth.dev/v1"') });
    expect(await rowCounts()).toEqual(before);
  });

  it("refuses an existing project name with a 409 sentence, and a clash inside the file rolls everything back", async () => {
    const text = await exportProject(by, "shop", { includeSecrets: true });
    await expect(importProject(by, text)).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining('A project named "shop" already exists') });
    await expect(importProject(by, text, { as: "kube-system" })).rejects.toMatchObject({ code: "invalid", message: expect.stringContaining('The project name "kube-system" cannot be used: "kube-system" is a namespace the cluster or Berth already uses') });
    const before = await rowCounts();
    // Under another name the project is new, but web's hostname still routes to shop/web.
    await expect(importProject(by, text, { as: "shop-copy" })).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/^App "web": hostnames\[0\]: www\.example\.com\/ already routes to app "web" in project "shop"/) });
    expect(await rowCounts()).toEqual(before);
    expect(await getDb().project.findUnique({ where: { name: "shop-copy" } })).toBeNull();
  });

  it("round trip: the project imported from its export (with secrets) renders the same objects, names aside", async () => {
    const text = await exportProject(by, "shop", { includeSecrets: true });
    const original = await renderProjectObjects(getDb(), "shop");
    await freshDatabase();
    const result = await importProject(by, text, { as: "shop-copy" });
    expect(result).toMatchObject({ project: "shop-copy", apps: ["web", "worker"], databases: ["pg"], registries: ["ghcr.io"], deployed: ["web", "worker"], toSet: [] });
    const copy = await renderProjectObjects(getDb(), "shop-copy");
    expect(copy.length).toBe(original.length);
    expect(withoutNames(copy, "shop-copy")).toEqual(withoutNames(original, "shop"));
    const ops = await getDb().operation.findMany({ where: { projectName: "shop-copy" }, orderBy: { createdAt: "asc" } });
    expect(ops.map((o) => `${o.kind} ${o.appName ?? ""}`.trim())).toEqual(["sync-registry", "apply-database pg", "deploy web", "deploy worker"]);
    const audit = await getDb().auditEvent.findMany({ where: { action: { in: ["project.create", "registry.add", "database.create", "app.create", "app.deploy", "project.import"] } }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["project.create", "registry.add", "database.create", "app.create", "app.create", "app.deploy", "app.deploy", "project.import"]);
  });

  it("without secrets: leaves each left-out value empty to be set, deploys only the apps that need none, and makes new database credentials", async () => {
    const text = await exportProject(by, "shop", { includeSecrets: false });
    const password = credentialsOf(await getDb().database.findFirstOrThrow()).password;
    await freshDatabase();
    const result = await importProject(by, text, { as: "shop-two" });
    expect(result.registries).toEqual([]);
    expect(result.deployed).toEqual(["worker"]);
    expect(result.toSet).toEqual([
      { resource: "app web", what: "secret env API_KEY", where: "/projects/shop-two/apps/web/environment" },
      { resource: "app web", what: "secret file /etc/web/token", where: "/projects/shop-two/apps/web/files" },
      { resource: "registry ghcr.io", what: "password for bot", where: "/projects/shop-two" },
    ]);
    expect(result.message).toContain("3 secret values were not in the file");
    const spec = appSpecOf(await findAppOrThrow(getDb(), "shop-two", "web"));
    expect(spec.secretEnv).toEqual([{ name: "API_KEY", value: "" }]);
    expect(spec.files[1]).toEqual({ path: "/etc/web/token", content: "", secret: true });
    expect(credentialsOf(await getDb().database.findFirstOrThrow()).password).not.toBe(password);
  });

  it("runs as `npm run berth -- import <file> --name <project>`, and says what is wrong with a bad file", async () => {
    const text = await exportProject(by, "shop", { includeSecrets: false });
    const dataDir = await freshDatabase();
    await closeDb();
    const file = path.join(dataDir, "shop.berth.yaml");
    fs.writeFileSync(file, text);
    // As in Berth's pod, the command reaches the cluster: a database's kept volume decides its credentials.
    const env = { ...process.env, BERTH_DATA_DIR: dataDir, KUBECONFIG: path.join(fx.cluster.dir, "kubeconfig.yaml") };
    const tsx = path.join(ROOT, "node_modules/.bin/tsx");
    const { stdout } = await run(tsx, ["server/cli/berth.ts", "import", file, "--name", "cli-shop"], { cwd: ROOT, env, timeout: 60_000 });
    expect(stdout).toContain('Imported project "cli-shop". 3 secret values were not in the file');
    expect(stdout).toContain("to set: app web: secret env API_KEY (/projects/cli-shop/apps/web/environment)");
    expect(await getDb().app.count({ where: { project: { name: "cli-shop" } } })).toBe(2);
    expect(await getDb().auditEvent.findFirst({ where: { action: "project.import" } })).toMatchObject({ actorName: "berth import (CLI)", target: "cli-shop" });
    await closeDb();
    fs.writeFileSync(file, text.replace("port: 8080", "port: eighty"));
    const failed = await run(tsx, ["server/cli/berth.ts", "import", file, "--name", "cli-other"], { cwd: ROOT, env, timeout: 60_000 }).catch((err: { code: number; stderr: string }) => err);
    expect(failed).toMatchObject({ code: 1, stderr: expect.stringMatching(/Line \d+, column \d+: spec\.apps\[0\]\.port: /) });
  }, 120_000);
});
