import { describe, expect, test } from "vitest";
import { generateToken, parseToken } from "@/server/auth/token-format";
import { hashSecret, verifySecret } from "@/server/auth/token-hash";

describe("token format", () => {
  test("generated tokens are recognisable, carry 32 random bytes and parse back", () => {
    const a = generateToken();
    const b = generateToken();
    expect(a.token).toMatch(/^berth_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
    const parsed = parseToken(a.token)!;
    expect(parsed.prefix).toBe(a.prefix);
    expect(Buffer.from(parsed.secret, "base64url")).toHaveLength(32);
  });

  test("strings that are not Berth tokens do not parse", () => {
    for (const bad of ["", "berth_", "berth_ABCDEFGH_" + "a".repeat(43), "berth_abcdefgh_short", "token_abcdefgh_" + "a".repeat(43), "berth_abcdefgh_" + "a".repeat(43) + " "]) {
      expect(parseToken(bad), bad).toBeNull();
    }
  });
});

describe("scrypt hashing", () => {
  test("the stored string holds its parameters and salt, never the secret", async () => {
    const { token } = generateToken();
    const secret = parseToken(token)!.secret;
    const stored = await hashSecret(secret);
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
    expect(stored).not.toContain(secret);
    expect(await hashSecret(secret)).not.toBe(stored);
  });

  test("verifies the right secret and rejects a wrong one or a malformed stored hash", async () => {
    const stored = await hashSecret("right-secret");
    expect(await verifySecret("right-secret", stored)).toBe(true);
    expect(await verifySecret("wrong-secret", stored)).toBe(false);
    expect(await verifySecret("right-secret", "plain-text")).toBe(false);
    expect(await verifySecret("right-secret", "scrypt$0$8$1$c2FsdA$")).toBe(false);
  });
});
