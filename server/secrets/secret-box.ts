/**
 * The one place Berth encrypts and decrypts the secret values it keeps (secret env values today;
 * registry passwords, database credentials and secret config files later). AES-256-GCM from
 * node:crypto: authenticated, so a tampered or truncated value fails to open instead of
 * decrypting to garbage.
 *
 * A sealed value is one printable string, `v1:<keyId>:<iv>:<tag>:<ciphertext>` (base64url
 * parts), so it fits the existing text columns. The key id names the key that sealed it, which
 * lets a key rotate and lets Berth say which key a database needs when it does not have it.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

const VERSION = "v1";
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID_HEX = 12;
const B64 = "[A-Za-z0-9_-]";
const SEALED = new RegExp(`^${VERSION}:([0-9a-f]{${KEY_ID_HEX}}):(${B64}{16}):(${B64}{22}):(${B64}*)$`);
const KEY_TEXT = /^[A-Za-z0-9+/_-]{43}=?$/;

/** What a BERTH_SECRET_KEY or key file must hold, for error messages. */
export const SECRET_KEY_SHAPE_HELP = "expected 32 random bytes in base64 (43 or 44 characters), like the key Berth writes to its key file";

export interface SecretKey {
  /** Derived from the key itself, so the same key always has the same id wherever it is kept. */
  id: string;
  bytes: Buffer;
}

/** The keys Berth can open values with; new values are sealed with `active`. */
export interface Keyring {
  active: SecretKey;
  keys: ReadonlyMap<string, SecretKey>;
}

function keyFromBytes(bytes: Buffer): SecretKey {
  const id = createHash("sha256").update("berth secret key id\0").update(bytes).digest("hex").slice(0, KEY_ID_HEX);
  return { id, bytes };
}

/** A fresh random key. */
export function generateSecretKey(): SecretKey {
  return keyFromBytes(randomBytes(KEY_BYTES));
}

/** Parses a key written as base64 (either alphabet); null when it is not 32 bytes of base64. */
export function parseSecretKey(text: string): SecretKey | null {
  const trimmed = text.trim();
  if (!KEY_TEXT.test(trimmed)) return null;
  const bytes = Buffer.from(trimmed.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  return bytes.length === KEY_BYTES ? keyFromBytes(bytes) : null;
}

/** The key as Berth writes it (base64url, no padding: safe in YAML, env files and kubectl flags). */
export function formatSecretKey(key: SecretKey): string {
  return key.bytes.toString("base64url");
}

export function keyringOf(active: SecretKey, others: readonly SecretKey[] = []): Keyring {
  const keys = new Map([...others, active].map((key) => [key.id, key]));
  return { active, keys };
}

/** Encrypts `plaintext` under the keyring's active key with a fresh random IV. */
export function sealSecret(keyring: Keyring, plaintext: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyring.active.bytes, iv, { authTagLength: TAG_BYTES });
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, keyring.active.id, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(":");
}

/** The id of the key that sealed `stored`, or null when `stored` is not a sealed value (plain text from an older Berth). */
export function sealedKeyId(stored: string): string | null {
  return SEALED.exec(stored)?.[1] ?? null;
}

/**
 * Decrypts a value sealed by {@link sealSecret}. Throws, with a sentence, when the value is not
 * sealed, was sealed with a key the keyring lacks, or fails authentication (tampered or damaged).
 */
export function openSecret(keyring: Keyring, stored: string): string {
  const match = SEALED.exec(stored);
  if (!match) throw new Error("A stored secret value is not encrypted; Berth encrypts every value at start, so the database was edited by hand.");
  const [, keyId, iv, tag, ciphertext] = match;
  const key = keyring.keys.get(keyId);
  if (!key) throw new Error(`A stored secret value is encrypted with key ${keyId}, which Berth does not have.`);
  const decipher = createDecipheriv("aes-256-gcm", key.bytes, Buffer.from(iv, "base64url"), { authTagLength: TAG_BYTES });
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  try {
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new Error(`A stored secret value encrypted with key ${keyId} fails its integrity check: it was altered or damaged.`);
  }
}
