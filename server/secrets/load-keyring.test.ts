import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { keyFilePath, readKeyFile } from "@/server/secrets/key-file";
import { loadKeyring } from "@/server/secrets/load-keyring";
import { formatSecretKey, generateSecretKey } from "@/server/secrets/secret-box";

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-keyring-"));
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe("where the secret key comes from", () => {
  it("generates a key file on first start, saying once that it sits beside the database and how to move it", () => {
    const first = loadKeyring({ dataDir, env: {}, generate: true })!;
    const file = keyFilePath(dataDir);
    expect(first.source).toEqual({ kind: "file", file });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(readKeyFile(file)!.map((k) => k.id)).toEqual([first.keyring.active.id]);
    expect(first.notice).toContain(`Berth generated its secret key in ${file}: the key and the database now sit together`);
    expect(first.notice).toContain(`kubectl -n berth create secret generic berth-secret-key --from-literal=BERTH_SECRET_KEY=${formatSecretKey(first.keyring.active)}`);
    expect(first.notice).not.toMatch(/\$\(|\||`/);

    const second = loadKeyring({ dataDir, env: {}, generate: true })!;
    expect(second.keyring.active.id).toBe(first.keyring.active.id);
    expect(second.notice).toBeNull();
  });

  it("prefers BERTH_SECRET_KEY, keeping the key file's keys to open values sealed before the move", () => {
    const generated = loadKeyring({ dataDir, env: {}, generate: true })!;
    const other = generateSecretKey();
    const loaded = loadKeyring({ dataDir, env: { BERTH_SECRET_KEY: formatSecretKey(other) }, generate: true })!;
    expect(loaded.source).toEqual({ kind: "env" });
    expect(loaded.notice).toBeNull();
    expect(loaded.keyring.active.id).toBe(other.id);
    expect([...loaded.keyring.keys.keys()].sort()).toEqual([generated.keyring.active.id, other.id].sort());
  });

  it("refuses a BERTH_SECRET_KEY that is not a key, naming the variable without echoing it", () => {
    expect(() => loadKeyring({ dataDir, env: { BERTH_SECRET_KEY: "correct horse battery" }, generate: true })).toThrow(/BERTH_SECRET_KEY is set but is not a key: expected 32 random bytes/);
    try {
      loadKeyring({ dataDir, env: { BERTH_SECRET_KEY: "correct horse battery" }, generate: true });
    } catch (error) {
      expect((error as Error).message).not.toContain("horse");
    }
    expect(fs.existsSync(keyFilePath(dataDir))).toBe(false);
  });

  it("refuses a damaged key file instead of generating a new key over it", () => {
    fs.writeFileSync(keyFilePath(dataDir), "not a key\n");
    expect(() => loadKeyring({ dataDir, env: {}, generate: true })).toThrow(/key file .*secret\.key is damaged/);
    expect(fs.readFileSync(keyFilePath(dataDir), "utf8")).toBe("not a key\n");
  });

  it("generates nothing when asked not to", () => {
    expect(loadKeyring({ dataDir, env: {}, generate: false })).toBeNull();
    expect(fs.existsSync(keyFilePath(dataDir))).toBe(false);
  });
});
