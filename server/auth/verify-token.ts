import { createHash } from "node:crypto";
import { getDb } from "@/server/db/client";
import type { ApiToken, User } from "@/server/db/generated/client";
import { parseToken } from "@/server/auth/token-format";
import { burnVerification, verifySecret } from "@/server/auth/token-hash";
import { processSingleton } from "@/server/singleton";

export type TokenWithUser = ApiToken & { user: User };

const CACHE_LIMIT = 1000;
const LAST_USED_INTERVAL_MS = 60_000;

/**
 * Memo of successful scrypt checks: SHA-256 of the presented token → the stored hash it matched.
 * A Bearer client would otherwise pay ~50 ms of scrypt per request. The row is still read every
 * time, so revocation and expiry apply at once, and a rotated hash never matches a stale entry.
 */
const verified = processSingleton("auth.verifiedTokens", () => new Map<string, string>());

function fingerprint(value: string): string {
  return createHash("sha256").update(value).digest("base64url");
}

/**
 * Checks a presented token and returns its row (with the owning user) when it is valid, not
 * revoked and not expired; otherwise null. Unknown prefixes still spend a full scrypt so timing
 * does not reveal which tokens exist; the secret comparison is constant-time.
 */
export async function verifyToken(value: string, now = new Date()): Promise<TokenWithUser | null> {
  const parsed = parseToken(value);
  if (!parsed) return burnVerification(value).then(() => null);
  const row = await getDb().apiToken.findUnique({ where: { prefix: parsed.prefix }, include: { user: true } });
  if (!row) return burnVerification(parsed.secret).then(() => null);

  const key = fingerprint(value);
  if (verified.get(key) !== row.hash) {
    if (!(await verifySecret(parsed.secret, row.hash))) return null;
    if (verified.size >= CACHE_LIMIT) verified.clear();
    verified.set(key, row.hash);
  }
  if (row.revokedAt) return null;
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return null;
  return row;
}

/** Records that a token was used, at most once a minute per token so reads stay cheap. */
export async function touchTokenLastUsed(token: Pick<ApiToken, "id" | "lastUsedAt">, now = new Date()): Promise<void> {
  if (token.lastUsedAt && now.getTime() - token.lastUsedAt.getTime() < LAST_USED_INTERVAL_MS) return;
  await getDb().apiToken.updateMany({ where: { id: token.id }, data: { lastUsedAt: now } });
}

/** Forgets memoised verifications; called when tokens are revoked or rotated in this process. */
export function forgetVerifiedTokens(): void {
  verified.clear();
}
