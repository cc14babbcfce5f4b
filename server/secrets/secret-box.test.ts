import { describe, expect, it } from "vitest";
import { formatSecretKey, generateSecretKey, keyringOf, openSecret, parseSecretKey, sealedKeyId, sealSecret } from "@/server/secrets/secret-box";

describe("the secret box", () => {
  const key = generateSecretKey();
  const keyring = keyringOf(key);

  it("seals a value into v1:<keyId>:<iv>:<tag>:<ciphertext> that hides it and opens back to it", () => {
    const sealed = sealSecret(keyring, "hunter2 — pässwörd");
    expect(sealed).toMatch(new RegExp(`^v1:${key.id}:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$`));
    expect(sealed).not.toContain("hunter2");
    expect(sealedKeyId(sealed)).toBe(key.id);
    expect(openSecret(keyring, sealed)).toBe("hunter2 — pässwörd");
    expect(openSecret(keyring, sealSecret(keyring, ""))).toBe("");
  });

  it("uses a fresh IV every time, so equal values do not look equal", () => {
    expect(sealSecret(keyring, "same")).not.toBe(sealSecret(keyring, "same"));
  });

  it("refuses a tampered value, a value under another key, and plain text, each with a sentence", () => {
    const sealed = sealSecret(keyring, "value");
    const parts = sealed.split(":");
    const flipped = parts[4][0] === "A" ? "B" : "A";
    const tampered = [...parts.slice(0, 4), flipped + parts[4].slice(1)].join(":");
    expect(() => openSecret(keyring, tampered)).toThrow(/fails its integrity check/);
    const other = keyringOf(generateSecretKey());
    expect(() => openSecret(other, sealed)).toThrow(new RegExp(`encrypted with key ${key.id}, which Berth does not have`));
    expect(() => openSecret(keyring, "plain")).toThrow(/not encrypted/);
    expect(sealedKeyId("plain")).toBeNull();
  });

  it("opens values sealed with an older key still on the keyring", () => {
    const older = generateSecretKey();
    const sealed = sealSecret(keyringOf(older), "kept");
    expect(openSecret(keyringOf(key, [older]), sealed)).toBe("kept");
  });

  it("reads a key back from its text, in either base64 alphabet, with the same id", () => {
    const text = formatSecretKey(key);
    expect(text).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(parseSecretKey(text)?.id).toBe(key.id);
    expect(parseSecretKey(`${key.bytes.toString("base64")}\n`)?.id).toBe(key.id);
    expect(parseSecretKey("too-short")).toBeNull();
    expect(parseSecretKey(Buffer.alloc(31).toString("base64"))).toBeNull();
  });
});
