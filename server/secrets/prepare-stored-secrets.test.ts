import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { testActing } from "@/server/auth/testing/auth-fixtures";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupDatabase } from "@/server/db/backup";
import { closeDb, getDb } from "@/server/db/client";
import { migrateDatabase } from "@/server/db/migrate";
import { appSpecOf, findAppOrThrow } from "@/server/engine/model/app-record";
import { createApp } from "@/server/engine/model/create-app";
import { createProject } from "@/server/engine/model/create-project";
import { prepareStoredSecrets } from "@/server/secrets/prepare-stored-secrets";
import { keyFilePath, readKeyFile } from "@/server/secrets/key-file";
import { formatSecretKey, generateSecretKey, sealedKeyId } from "@/server/secrets/secret-box";

/**
 * The start-up step after the schema migrations: plain text left by an older Berth is encrypted
 * (once), and a database whose values need a key Berth does not have is refused with a sentence.
 */
let root: string;
let dataDir: string;
const env = () => ({ ...process.env, BERTH_DATA_DIR: dataDir, BERTH_SECRET_KEY: undefined });

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "berth-prepare-"));
  dataDir = path.join(root, "data");
  process.env.BERTH_DATA_DIR = dataDir;
  delete process.env.BERTH_SECRET_KEY;
  await closeDb();
  await migrateDatabase(dataDir);
  await createProject(testActing(), { name: "shop" });
  await createApp(testActing(), "shop", { name: "web", image: "nginx:1.27", port: 80, secretEnv: [{ name: "DB_PASSWORD", value: "pl4in-old-value" }, { name: "API_KEY", value: "k3y-value" }] });
});
afterAll(async () => {
  await closeDb();
  fs.rmSync(root, { recursive: true, force: true });
});

const storedValues = async () => (await getDb().secretEnv.findMany({ orderBy: { position: "asc" } })).map((r) => r.value);

describe("start-up: secret values at rest", () => {
  it("encrypts plain-text values an older Berth stored, once, keeping what they decrypt to", async () => {
    // What a database written before this change holds.
    await getDb().secretEnv.updateMany({ where: { name: "DB_PASSWORD" }, data: { value: "pl4in-old-value" } });
    expect(await storedValues()).toContain("pl4in-old-value");

    expect(await prepareStoredSecrets(env())).toEqual(["Berth encrypted 1 secret value(s) an older version had stored in plain text."]);
    const activeId = readKeyFile(keyFilePath(dataDir))![0].id;
    expect((await storedValues()).map(sealedKeyId)).toEqual([activeId, activeId]);
    const spec = appSpecOf(await findAppOrThrow(getDb(), "shop", "web"));
    expect(spec.secretEnv).toEqual([{ name: "DB_PASSWORD", value: "pl4in-old-value" }, { name: "API_KEY", value: "k3y-value" }]);

    const before = await storedValues();
    expect(await prepareStoredSecrets(env())).toEqual([]);
    expect(await storedValues()).toEqual(before);
  });

  it("refuses a backup restored without its key, naming the key it needs, and starts once given it", async () => {
    const neededId = readKeyFile(keyFilePath(dataDir))![0].id;
    const key = formatSecretKey(readKeyFile(keyFilePath(dataDir))![0]);
    const elsewhere = path.join(root, "elsewhere");
    await backupDatabase(dataDir, path.join(elsewhere, "berth.db"));
    const backupEnv = { ...process.env, BERTH_DATA_DIR: elsewhere, BERTH_SECRET_KEY: undefined };
    process.env.BERTH_DATA_DIR = elsewhere;
    await closeDb();
    try {
      const refusal = prepareStoredSecrets(backupEnv);
      await expect(refusal).rejects.toThrow(
        new RegExp(`^Berth cannot start: 2 stored secret value\\(s\\) are encrypted with key ${neededId}, but Berth has no key \\(BERTH_SECRET_KEY is not set and there is no key file\\)\\. Set BERTH_SECRET_KEY to the key this database was encrypted with`),
      );
      // No key is generated over a database that needs another one.
      expect(fs.existsSync(keyFilePath(elsewhere))).toBe(false);
      const wrongKey = formatSecretKey(generateSecretKey());
      await expect(prepareStoredSecrets({ ...backupEnv, BERTH_SECRET_KEY: wrongKey })).rejects.toThrow(new RegExp(`encrypted with key ${neededId}, but Berth has key [0-9a-f]{12} from BERTH_SECRET_KEY\\.`));
      expect((await getDb().secretEnv.findMany()).map((r) => sealedKeyId(r.value))).toEqual([neededId, neededId]);

      const withKey = { ...backupEnv, BERTH_SECRET_KEY: key };
      process.env.BERTH_SECRET_KEY = key;
      expect(await prepareStoredSecrets(withKey)).toEqual([]);
      expect(appSpecOf(await findAppOrThrow(getDb(), "shop", "web")).secretEnv.map((v) => v.value)).toEqual(["pl4in-old-value", "k3y-value"]);
    } finally {
      delete process.env.BERTH_SECRET_KEY;
      process.env.BERTH_DATA_DIR = dataDir;
      await closeDb();
    }
  });

  it("moves every value to the key in BERTH_SECRET_KEY, then removes the key file beside the database", async () => {
    const fileKey = readKeyFile(keyFilePath(dataDir))![0];
    const envKey = generateSecretKey();
    process.env.BERTH_SECRET_KEY = formatSecretKey(envKey);
    try {
      const lines = await prepareStoredSecrets({ ...env(), BERTH_SECRET_KEY: formatSecretKey(envKey) });
      expect(lines).toEqual([
        `Berth re-encrypted 2 secret value(s) under its current key ${envKey.id}.`,
        `Berth's secret key now comes from BERTH_SECRET_KEY; it removed the key file ${keyFilePath(dataDir)} beside the database.`,
      ]);
      expect(fileKey.id).not.toBe(envKey.id);
      expect((await storedValues()).map(sealedKeyId)).toEqual([envKey.id, envKey.id]);
      expect(fs.existsSync(keyFilePath(dataDir))).toBe(false);
      expect(appSpecOf(await findAppOrThrow(getDb(), "shop", "web")).secretEnv.map((v) => v.value)).toEqual(["pl4in-old-value", "k3y-value"]);
    } finally {
      delete process.env.BERTH_SECRET_KEY;
    }
  });
});
