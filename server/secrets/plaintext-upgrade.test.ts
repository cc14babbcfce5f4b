import fs from "node:fs";
import { testActing } from "@/server/auth/testing/auth-fixtures";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { databaseFile } from "@/server/db/database-file";
import { startEngine, stopEngine } from "@/server/engine/engine";
import { createApp } from "@/server/engine/model/create-app";
import { createProject } from "@/server/engine/model/create-project";
import { deployApp } from "@/server/engine/operations/deploy-app";
import { waitForOperation } from "@/server/engine/operations/wait-for-operation";
import { openEngineFixture, type EngineFixture } from "@/server/engine/test/engine-fixture";
import { readObject } from "@/server/kube/read-object";
import { keyFilePath } from "@/server/secrets/key-file";
import { prepareStoredSecrets } from "@/server/secrets/prepare-stored-secrets";
import { sealedKeyId } from "@/server/secrets/secret-box";
import { forgetProcessKeyring } from "@/server/secrets/secret-values";

/**
 * Upgrading: a database from a Berth that stored secret env values in plain text (and had no
 * key) is encrypted at the next start, leaves no plain text in the file, and deploys exactly the
 * Secret it deployed before, without rolling the pods.
 */
const OLD_VALUES = { DB_PASSWORD: "old-plain-password-5f1c", SMTP_PASS: "old-plain-smtp-9a2e" };
let fx: EngineFixture;

beforeAll(async () => {
  fx = await openEngineFixture();
  await createProject(testActing(), { name: "legacy" });
  await createApp(testActing(), "legacy", { name: "api", image: "nginx:1.27", port: 80, secretEnv: Object.entries(OLD_VALUES).map(([name, value]) => ({ name, value })) });
}, 60_000);
afterAll(() => fx.close());

const deploy = async () => waitForOperation((await deployApp(testActing(), { project: "legacy", app: "api" })).operation.id, 20_000);
const read = (kind: "Secret" | "Deployment", name: string) =>
  readObject(fx.cluster.kubeConfig, { apiVersion: kind === "Secret" ? "v1" : "apps/v1", kind, namespace: "legacy", name });
const rawDatabase = () => [databaseFile(fx.dataDir), `${databaseFile(fx.dataDir)}-wal`].filter(fs.existsSync).map((f) => fs.readFileSync(f).toString("latin1")).join("");

describe("upgrading a database with plain-text secret values", () => {
  it("encrypts them at start and deploys the same Secret data without a rollout", async () => {
    expect((await deploy()).status).toBe("succeeded");
    const secretBefore = await read("Secret", "api-env");
    const deploymentBefore = await read("Deployment", "api");

    // The database as the older Berth left it: plain values, no key anywhere.
    await stopEngine();
    for (const [name, value] of Object.entries(OLD_VALUES)) await getDb().secretEnv.updateMany({ where: { name }, data: { value } });
    fs.rmSync(keyFilePath(fx.dataDir));
    forgetProcessKeyring();
    expect(rawDatabase()).toContain(OLD_VALUES.DB_PASSWORD);

    expect(await prepareStoredSecrets()).toEqual(["Berth encrypted 2 secret value(s) an older version had stored in plain text."]);
    expect(fs.existsSync(keyFilePath(fx.dataDir))).toBe(true);
    expect((await getDb().secretEnv.findMany()).every((row) => sealedKeyId(row.value) !== null)).toBe(true);
    const raw = rawDatabase();
    expect(raw).toContain("DB_PASSWORD");
    expect(raw).not.toContain(OLD_VALUES.DB_PASSWORD);
    expect(raw).not.toContain(OLD_VALUES.SMTP_PASS);
    expect(await prepareStoredSecrets()).toEqual([]);

    await startEngine({ stuckGraceMs: 400, rolloutTimeoutMs: 15_000, pollMs: 200 });
    expect((await deploy()).status).toBe("succeeded");
    const secretAfter = await read("Secret", "api-env");
    const deploymentAfter = await read("Deployment", "api");
    expect(secretAfter?.data).toEqual(secretBefore?.data);
    expect(Buffer.from((secretAfter?.data as Record<string, string>).DB_PASSWORD, "base64").toString()).toBe(OLD_VALUES.DB_PASSWORD);
    expect(deploymentAfter?.metadata.generation).toBe(deploymentBefore?.metadata.generation);
  }, 90_000);
});
