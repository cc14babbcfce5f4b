import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/**
 * Slow hashing of token secrets with scrypt. The stored string carries its own parameters
 * (`scrypt$N$r$p$salt$hash`) so they can be raised later without breaking old tokens.
 */

/**
 * N=2^14, r=8 (16 MiB, ~0.1-0.2 s here): the scrypt paper's interactive-login setting. Token
 * secrets carry 256 random bits, so the hash guards against a leaked database being useful,
 * not against guessing; a higher cost would only slow every login and first Bearer use.
 */
const N = 2 ** 14;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function scryptAsync(secret: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

function optionsFor(n: number, r: number, p: number): ScryptOptions {
  return { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 };
}

/** Hashes a token secret for storage. */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(secret, salt, KEY_LENGTH, optionsFor(N, R, P));
  return `scrypt$${N}$${R}$${P}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

/** Compares a secret to a stored hash in constant time. Malformed stored strings never match. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  if (![n, r, p].every((x) => Number.isInteger(x) && x > 0) || n > 2 ** 20) return false;
  const salt = Buffer.from(parts[4], "base64url");
  const expected = Buffer.from(parts[5], "base64url");
  if (expected.length === 0) return false;
  const actual = await scryptAsync(secret, salt, expected.length, optionsFor(n, r, p));
  return timingSafeEqual(actual, expected);
}

let dummyHash: Promise<string> | null = null;

/**
 * Spends the same work as a real verification, for tokens whose prefix matches no row, so the
 * response time does not reveal which prefixes exist.
 */
export async function burnVerification(secret: string): Promise<false> {
  dummyHash ??= hashSecret(randomBytes(32).toString("base64url"));
  await verifySecret(secret, await dummyHash);
  return false;
}
