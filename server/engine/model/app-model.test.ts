import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/server/db/client";
import { migrateDatabase } from "@/server/db/migrate";
import { addHostname } from "@/server/engine/model/add-hostname";
import { addVolume } from "@/server/engine/model/add-volume";
import { createApp } from "@/server/engine/model/create-app";
import { createProject } from "@/server/engine/model/create-project";
import { getApp } from "@/server/engine/model/get-app";
import { listApps } from "@/server/engine/model/list-apps";
import { listProjects } from "@/server/engine/model/list-projects";
import { removeVolume } from "@/server/engine/model/remove-volume";
import { updateApp } from "@/server/engine/model/update-app";
import { appSpecOf, findAppOrThrow } from "@/server/engine/model/app-record";
import { testActing } from "@/server/auth/testing/auth-fixtures";

const by = testActing();

let dataDir: string;
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-model-"));
  process.env.BERTH_DATA_DIR = dataDir;
  await closeDb();
  await migrateDatabase(dataDir);
  await createProject(by, { name: "shop" });
  await createProject(by, { name: "blog", displayName: "Blog" });
  await createApp(by, "shop", { name: "web", image: "nginx:1.27", port: 80, hostnames: [{ host: "shop.example.com" }], secretEnv: [{ name: "TOKEN", value: "t0ken" }] });
});
afterAll(async () => {
  await closeDb();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("projects and apps in the database", () => {
  it("lists projects with their app counts, and refuses a duplicate or reserved name", async () => {
    expect((await listProjects()).map((p) => [p.name, p.appCount])).toEqual([["blog", 0], ["shop", 1]]);
    await expect(createProject(by, { name: "shop" })).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining('"shop" already exists') });
    await expect(createProject(by, { name: "kube-system" })).rejects.toThrow(/namespace the cluster or Berth already uses/);
  });

  it("never returns secret values, only their names", async () => {
    const app = await getApp("shop", "web");
    expect(app.spec.secretEnv).toEqual([{ name: "TOKEN" }]);
    expect(JSON.stringify(await listApps("shop"))).not.toContain("t0ken");
  });

  it("refuses a host and path another app already routes, naming it, and writes nothing", async () => {
    const attempt = createApp(by, "blog", { name: "site", image: "nginx:1.27", port: 80, hostnames: [{ host: "shop.example.com" }] });
    await expect(attempt).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining('already routes to app "web" in project "shop"') });
    expect(await listApps("blog")).toEqual([]);
    await expect(addHostname(by, "blog", "site", { host: "blog.example.com" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("keeps the stored spec when a PUT is invalid", async () => {
    const before = await getApp("shop", "web");
    await expect(updateApp(by, "shop", "web", { ...before.spec, port: 70000 })).rejects.toThrow(/port/);
    await expect(updateApp(by, "shop", "web", { ...before.spec, name: "other" })).rejects.toMatchObject({ code: "invalid", message: expect.stringContaining("cannot be renamed") });
    expect(await getApp("shop", "web")).toEqual(before);
  });

  it("keeps a secret's value when a PUT sends the secret by name only, and bumps specVersion", async () => {
    const before = await getApp("shop", "web");
    const after = await updateApp(by, "shop", "web", { ...before.spec, image: "nginx:1.28" });
    expect(after.specVersion).toBe(before.specVersion + 1);
    expect(appSpecOf(await findAppOrThrow(getDb(), "shop", "web")).secretEnv).toEqual([{ name: "TOKEN", value: "t0ken" }]);
  });

  it("adds and removes volumes, refusing a second volume on the same mount path", async () => {
    await addVolume(by, "shop", "web", { name: "data", size: "1Gi", mountPath: "/data" });
    await expect(addVolume(by, "shop", "web", { name: "more", size: "1Gi", mountPath: "/data" })).rejects.toThrow(/mount path/);
    expect((await getApp("shop", "web")).spec.volumes.map((v) => v.name)).toEqual(["data"]);
    await removeVolume(by, "shop", "web", "data");
    expect((await getApp("shop", "web")).spec.volumes).toEqual([]);
    await expect(removeVolume(by, "shop", "web", "data")).rejects.toMatchObject({ code: "not_found" });
  });
});
