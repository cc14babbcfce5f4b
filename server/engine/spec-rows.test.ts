import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appSpecSchema } from "@/lib/schemas/app";
import { openDb } from "@/server/db/client";
import type { PrismaClient } from "@/server/db/generated/client";
import { migrateDatabase } from "@/server/db/migrate";
import { rowsFromSpec, specFromRows } from "@/server/engine/spec-rows";

const FULL = appSpecSchema.parse({
  name: "web",
  image: "ghcr.io/acme/web:v2",
  port: 8080,
  replicas: 1,
  command: ["node"],
  args: ["server.js"],
  env: [{ name: "B", value: "2" }, { name: "A", value: "1" }],
  secretEnv: [{ name: "Z_TOKEN", value: "z" }, { name: "API_KEY", value: "k" }],
  resources: { requests: { cpu: "100m" }, limits: { memory: "256Mi" } },
  healthCheck: { path: "/healthz" },
  hostnames: [{ host: "web.example.com", tlsSecretName: "web-tls" }, { host: "api.example.com", path: "/v1", port: 9090 }],
  volumes: [{ name: "data", size: "1Gi", mountPath: "/data" }, { name: "shared", size: "5Gi", mountPath: "/shared", accessMode: "ReadWriteMany", storageClass: "nfs" }],
});

describe("rowsFromSpec / specFromRows", () => {
  it("round-trips a full spec, keeping list order through positions", () => {
    const rows = rowsFromSpec(FULL);
    const shuffled = { ...rows, hostnames: [...rows.hostnames].reverse(), volumes: [...rows.volumes].reverse(), secretEnv: [...rows.secretEnv].reverse() };
    expect(specFromRows(shuffled.app, shuffled.hostnames, shuffled.volumes, shuffled.secretEnv)).toEqual(FULL);
    expect(rows.hostnames[1]).toEqual({ position: 1, host: "api.example.com", path: "/v1", port: 9090, tlsSecretName: null });
    expect(JSON.parse(rows.app.spec)).not.toHaveProperty("secretEnv");
  });

  it("refuses stored data that no longer passes the schema, naming the field", () => {
    const rows = rowsFromSpec(FULL);
    expect(() => specFromRows({ name: "web", spec: "{" }, [], [], [])).toThrow('The stored spec of app "web" is not JSON.');
    expect(() => specFromRows(rows.app, rows.hostnames, [{ ...rows.volumes[0], accessMode: "RWO" }], [])).toThrow(
      /is invalid: volumes\[0\]\.accessMode: expected "ReadWriteOnce"/,
    );
  });
});

describe("the engine's tables (real SQLite, migrated)", () => {
  let dir: string;
  let db: PrismaClient;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-spec-rows-"));
    await migrateDatabase(dir);
    db = openDb({ dataDir: dir });
  });
  afterAll(async () => {
    await db?.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function createApp(projectName: string, spec = FULL) {
    const rows = rowsFromSpec(spec);
    const project = await db.project.upsert({ where: { name: projectName }, create: { name: projectName }, update: {} });
    return db.app.create({
      data: {
        projectId: project.id,
        ...rows.app,
        hostnames: { create: rows.hostnames },
        volumes: { create: rows.volumes },
        secretEnv: { create: rows.secretEnv },
      },
    });
  }

  it("stores the rows and reads the same spec back", async () => {
    const app = await createApp("shop");
    const row = await db.app.findUniqueOrThrow({ where: { id: app.id }, include: { hostnames: true, volumes: true, secretEnv: true } });
    expect(specFromRows(row, row.hostnames, row.volumes, row.secretEnv)).toEqual(FULL);
  });

  it("refuses a host and path another app already routes (cluster-wide)", async () => {
    const other = appSpecSchema.parse({ name: "other", image: "nginx", port: 80, hostnames: [{ host: "web.example.com" }] });
    await expect(createApp("blog", other)).rejects.toMatchObject({ code: "P2002" });
    const samehostOtherPath = appSpecSchema.parse({ name: "other", image: "nginx", port: 80, hostnames: [{ host: "web.example.com", path: "/blog" }] });
    await expect(createApp("blog", samehostOtherPath)).resolves.toBeTruthy();
  });

  it("refuses a second app of the same name in a project, and cascades deletes", async () => {
    await expect(createApp("shop")).rejects.toMatchObject({ code: "P2002" });
    const app = await db.app.findFirstOrThrow({ where: { name: "web", project: { name: "shop" } } });
    await db.revision.create({ data: { appId: app.id, number: 1, specVersion: 1, spec: "{}", objects: "[]" } });
    await expect(db.revision.create({ data: { appId: app.id, number: 1, specVersion: 1, spec: "{}", objects: "[]" } })).rejects.toMatchObject({ code: "P2002" });
    await db.project.delete({ where: { name: "shop" } });
    expect(await db.hostname.count({ where: { appId: app.id } })).toBe(0);
    expect(await db.secretEnv.count({ where: { appId: app.id } })).toBe(0);
    expect(await db.revision.count({ where: { appId: app.id } })).toBe(0);
  });

  it("keeps operations with defaults that a queue can pick up", async () => {
    const op = await db.operation.create({ data: { projectName: "shop", appName: "web", kind: "deploy" } });
    expect(op).toMatchObject({ status: "queued", attempts: 0, payload: "{}", lastError: null });
    expect(op.nextAttemptAt).toBeInstanceOf(Date);
  });
});
