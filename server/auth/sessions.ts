import { createHash, randomBytes } from "node:crypto";
import { getDb } from "@/server/db/client";
import type { Prisma } from "@/server/db/generated/client";
import { SESSION_REFRESH_INTERVAL_MS, sessionTtlMs } from "@/server/auth/auth-config";
import { asRole, type Principal } from "@/server/auth/principal";
import type { Role } from "@/lib/schemas/token";

export { SESSION_COOKIE } from "@/lib/session-cookie";

/** Stored form of a session id: only its SHA-256, so a database leak yields no usable cookie. */
export function hashSessionId(id: string): string {
  return createHash("sha256").update(id).digest("hex");
}

function earliest(a: Date, b: Date | null | undefined): Date {
  return b && b.getTime() < a.getTime() ? b : a;
}

/**
 * Opens a session for a user who just proved a token. The session never outlives the token that
 * opened it. Expired sessions are swept here, on the rare write path, so the table stays small
 * without a timer. Returns the cookie value, which is shown to nobody but the browser.
 */
export async function createSession(input: {
  userId: string;
  role: Role;
  tokenId: string;
  tokenExpiresAt: Date | null;
  now?: Date;
}): Promise<{ cookieValue: string; sessionId: string; expiresAt: Date }> {
  const now = input.now ?? new Date();
  const cookieValue = randomBytes(32).toString("base64url");
  const expiresAt = earliest(new Date(now.getTime() + sessionTtlMs()), input.tokenExpiresAt);
  const db = getDb();
  await db.session.deleteMany({ where: { expiresAt: { lte: now } } });
  const row = await db.session.create({
    data: {
      idHash: hashSessionId(cookieValue),
      userId: input.userId,
      role: input.role,
      tokenId: input.tokenId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
    },
  });
  return { cookieValue, sessionId: row.id, expiresAt };
}

/** A resolved session plus the deferred write that slides its expiry (null when not due yet). */
export type ResolvedSession = { principal: Principal; refresh: (() => Promise<Date>) | null };

/**
 * Finds the live session for a cookie value. Nothing is written here: the caller runs `refresh`
 * only once the request has passed every check, so a rejected request leaves no trace.
 */
export async function resolveSession(cookieValue: string, now = new Date()): Promise<ResolvedSession | null> {
  if (cookieValue.length < 16 || cookieValue.length > 128) return null;
  const db = getDb();
  const row = await db.session.findUnique({ where: { idHash: hashSessionId(cookieValue) }, include: { user: true } });
  if (!row || row.expiresAt.getTime() <= now.getTime()) return null;

  const principal: Principal = {
    userId: row.userId,
    userName: row.user.name,
    role: asRole(row.role),
    via: "session",
    sessionId: row.id,
    tokenId: row.tokenId ?? undefined,
    expiresAt: row.expiresAt,
  };
  const due = now.getTime() - row.lastSeenAt.getTime() >= SESSION_REFRESH_INTERVAL_MS;
  const refresh = due
    ? async () => {
        const token = row.tokenId
          ? await db.apiToken.findUnique({ where: { id: row.tokenId }, select: { expiresAt: true } })
          : null;
        const expiresAt = earliest(new Date(now.getTime() + sessionTtlMs()), token?.expiresAt);
        await db.session.updateMany({ where: { id: row.id }, data: { lastSeenAt: now, expiresAt } });
        principal.expiresAt = expiresAt;
        return expiresAt;
      }
    : null;
  return { principal, refresh };
}

/** Ends one session (logout). Missing rows are fine: logging out twice is not an error. */
export async function deleteSession(sessionId: string): Promise<void> {
  await getDb().session.deleteMany({ where: { id: sessionId } });
}

/** Ends every session opened with a token, used when the token is revoked or rotated. */
export async function deleteSessionsOfToken(tokenId: string, db: Pick<Prisma.TransactionClient, "session"> = getDb()): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { tokenId } });
  return count;
}
