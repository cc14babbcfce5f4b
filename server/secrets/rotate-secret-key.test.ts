import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testActing } from "@/server/auth/testing/auth-fixtures";
import { closeDb, getDb } from "@/server/db/client";
import { databaseFile } from "@/server/db/database-file";
import { migrateDatabase } from "@/server/db/migrate";
import { appSpecOf, findAppOrThrow } from "@/server/engine/model/app-record";
import { createApp } from "@/server/engine/model/create-app";
import { createProject } from "@/server/engine/model/create-project";
import { keyFilePath, readKeyFile } from "@/server/secrets/key-file";
import { prepareStoredSecrets } from "@/server/secrets/prepare-stored-secrets";
import { rotateSecretKey } from "@/server/secrets/rotate-secret-key";
import { formatSecretKey, generateSecretKey, keyringOf, sealedKeyId, sealSecret } from "@/server/secrets/secret-box";
import { forgetProcessKeyring } from "@/server/secrets/secret-values";

const run = promisify(execFile);
let dataDir: string;

/** A stopped Berth's data directory: one app with two secret values, sealed with `key` (or a generated key file). */
async function seed(key?: string) {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-rotate-"));
  process.env.BERTH_DATA_DIR = dataDir;
  if (key) process.env.BERTH_SECRET_KEY = key;
  else delete process.env.BERTH_SECRET_KEY;
  forgetProcessKeyring();
  await closeDb();
  await migrateDatabase(dataDir);
  await createProject(testActing(), { name: "shop" });
  await createApp(testActing(), "shop", { name: "web", image: "nginx:1.27", port: 80, secretEnv: [{ name: "A", value: "alpha-value" }, { name: "B", value: "beta-value" }] });
  await closeDb();
}

async function storedKeyIds(): Promise<Array<string | null>> {
  try {
    return (await getDb().secretEnv.findMany({ orderBy: { position: "asc" } })).map((r) => sealedKeyId(r.value));
  } finally {
    await closeDb();
  }
}

/** What a Berth started now with this environment would decrypt. */
async function startAndRead(env: Record<string, string | undefined>): Promise<string[]> {
  forgetProcessKeyring();
  process.env.BERTH_SECRET_KEY = env.BERTH_SECRET_KEY;
  if (env.BERTH_SECRET_KEY === undefined) delete process.env.BERTH_SECRET_KEY;
  try {
    await prepareStoredSecrets({ ...env, BERTH_DATA_DIR: dataDir });
    return appSpecOf(await findAppOrThrow(getDb(), "shop", "web")).secretEnv.map((v) => v.value);
  } finally {
    await closeDb();
  }
}

afterEach(async () => {
  await closeDb();
  delete process.env.BERTH_SECRET_KEY;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("rotating the secret key", () => {
  describe("with the key in the key file", () => {
    beforeEach(() => seed());

    it("re-encrypts every value under a new key in the file, where the old one was", async () => {
      const [oldKey] = readKeyFile(keyFilePath(dataDir))!;
      const oldCiphertexts = (await getDb().secretEnv.findMany()).map((r) => r.value);
      await closeDb();
      const result = await rotateSecretKey({ dataDir, env: { BERTH_DATA_DIR: dataDir } });
      expect(result).toMatchObject({ oldKeyId: oldKey.id, source: { kind: "file" }, report: { resealed: 2, encrypted: 0 }, compacted: true });
      const raw = [databaseFile(dataDir), `${databaseFile(dataDir)}-wal`].filter(fs.existsSync).map((f) => fs.readFileSync(f, "latin1")).join("");
      expect(oldCiphertexts.filter((c) => raw.includes(c.split(":")[4]))).toEqual([]);
      expect(readKeyFile(keyFilePath(dataDir))!.map((k) => k.id)).toEqual([result.key.id]);
      expect(result.key.id).not.toBe(oldKey.id);
      expect(await storedKeyIds()).toEqual([result.key.id, result.key.id]);
      expect(await startAndRead({ BERTH_DATA_DIR: dataDir })).toEqual(["alpha-value", "beta-value"]);
    });

    it("refuses while Berth has the database open, changing nothing", async () => {
      const before = fs.readFileSync(keyFilePath(dataDir), "utf8");
      await getDb().$connect();
      await getDb().secretEnv.count();
      await expect(rotateSecretKey({ dataDir, env: { BERTH_DATA_DIR: dataDir } })).rejects.toThrow(/Berth is running on .* Stop Berth first/);
      await closeDb();
      expect(fs.readFileSync(keyFilePath(dataDir), "utf8")).toBe(before);
    });

    it("refuses when a value needs a key Berth does not have, leaving the file and every value as they were", async () => {
      const before = fs.readFileSync(keyFilePath(dataDir), "utf8");
      const stranger = sealSecret(keyringOf(generateSecretKey()), "from elsewhere");
      await getDb().secretEnv.updateMany({ where: { name: "B" }, data: { value: stranger } });
      const ids = await storedKeyIds();
      await expect(rotateSecretKey({ dataDir, env: { BERTH_DATA_DIR: dataDir } })).rejects.toThrow(/1 stored secret value\(s\) are encrypted with key [0-9a-f]{12}, which Berth does not have\. .*nothing was rotated/);
      expect(fs.readFileSync(keyFilePath(dataDir), "utf8")).toBe(before);
      expect(await storedKeyIds()).toEqual(ids);
    });
  });

  it("prints the new key when the old one came from BERTH_SECRET_KEY; Berth then starts only with the new one", async () => {
    const oldKey = formatSecretKey(generateSecretKey());
    await seed(oldKey);
    const env = { ...process.env, BERTH_DATA_DIR: dataDir, BERTH_SECRET_KEY: oldKey };
    const cli = ["--import", "tsx", path.resolve(import.meta.dirname, "../cli/berth.ts"), "rotate-secret-key"];
    const { stdout } = await run(process.execPath, cli, { env, timeout: 30_000 });
    expect(stdout).toMatch(/^Rotated Berth's secret key from [0-9a-f]{12} to [0-9a-f]{12}: 2 secret value\(s\) re-encrypted in one transaction\.$/m);
    expect(stdout).toContain("The old key came from BERTH_SECRET_KEY, so the new key is printed here, once");
    const newKey = /--from-literal=BERTH_SECRET_KEY=(\S+)$/m.exec(stdout)?.[1];
    expect(newKey).toBeDefined();
    expect(fs.existsSync(keyFilePath(dataDir))).toBe(false);

    await expect(startAndRead({ BERTH_SECRET_KEY: oldKey })).rejects.toThrow(/Berth cannot start: 2 stored secret value\(s\) are encrypted with key/);
    expect(await startAndRead({ BERTH_SECRET_KEY: newKey })).toEqual(["alpha-value", "beta-value"]);
  }, 60_000);
});
