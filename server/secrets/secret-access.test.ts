import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * "One module owns it; nothing else touches plaintext columns": the only writes to a secret
 * column are the model's (sealed through encryptSecretValue) and the secrets module's own, and
 * only the model's two row mappers call the process-level encrypt and decrypt.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const sources = ["app", "server", "lib", "components"]
  .flatMap((dir) => (fs.readdirSync(path.join(ROOT, dir), { recursive: true }) as string[]).map((f) => path.join(dir, f)))
  .filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".test.ts") && !f.startsWith(path.join("server", "db", "generated")));
const filesMatching = (pattern: RegExp) => sources.filter((f) => pattern.test(fs.readFileSync(path.join(ROOT, f), "utf8"))).sort();

describe("who touches secret columns", () => {
  it("writes SecretEnv rows only in the model's row writer and the secrets module", () => {
    expect(sources.length).toBeGreaterThan(100);
    expect(filesMatching(/\.secretEnv\.(create|createMany|createManyAndReturn|update|updateMany|updateManyAndReturn|upsert)\(/)).toEqual([
      "server/engine/model/write-app-rows.ts",
      "server/secrets/secret-columns.ts",
    ]);
  });

  it("writes AppFile rows (secret file contents) only in the model's row writer and the secrets module", () => {
    expect(filesMatching(/\.appFile\.(create|createMany|createManyAndReturn|update|updateMany|updateManyAndReturn|upsert)\(/)).toEqual([
      "server/engine/model/write-app-rows.ts",
      "server/secrets/secret-columns.ts",
    ]);
  });

  it("encrypts and decrypts through server/secrets only from the model layer", () => {
    expect(filesMatching(/\b(encryptSecretValue|decryptSecretValue)\(/)).toEqual([
      "server/engine/databases/database-record.ts",
      "server/engine/model/app-record.ts",
      "server/engine/model/registry-record.ts",
      "server/engine/model/write-app-rows.ts",
      "server/secrets/secret-values.ts",
    ]);
  });

  it("keeps raw SQL away from secret tables", () => {
    expect(filesMatching(/\$(query|execute)Raw(Unsafe)?\s*\(?[`'"][^`'"]*SecretEnv/)).toEqual([]);
  });
});
