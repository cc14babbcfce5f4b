import type { SessionInfo } from "@/lib/dto/session";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/auth/audit";
import { loginFailures } from "@/server/auth/login-rate-limit";
import { asRole, hasRole, type Principal } from "@/server/auth/principal";
import { createSession, deleteSession } from "@/server/auth/sessions";
import { parseToken, tokenHint } from "@/server/auth/token-format";
import { touchTokenLastUsed, verifyToken } from "@/server/auth/verify-token";

/** The public shape of a principal: who, which role, until when. */
export function toSessionInfo(principal: Principal): SessionInfo {
  return {
    user: { id: principal.userId, name: principal.userName },
    role: principal.role,
    via: principal.via,
    expiresAt: principal.expiresAt?.toISOString() ?? null,
  };
}

/**
 * Exchanges a token for a browser session. A failure counts against the client's address and
 * is audited with the token's non-secret hint at most (never the value, never other input).
 */
export async function login(
  tokenValue: string,
  ip: string,
): Promise<{ cookieValue: string; expiresAt: Date; info: SessionInfo }> {
  const token = await verifyToken(tokenValue);
  if (!token) {
    loginFailures.recordFailure(ip);
    const parsed = parseToken(tokenValue);
    await recordAudit({
      actor: null,
      action: "login.failure",
      ip,
      detail: parsed ? { hint: tokenHint(parsed.prefix) } : { reason: "not a Berth token" },
    });
    throw new AppError({
      code: "unauthenticated",
      message: "That token is not valid. Check for a copy-paste slip, or ask an admin for a new one.",
    });
  }

  const tokenRole = asRole(token.role);
  if (tokenRole === "deployer") {
    throw new AppError({
      code: "forbidden",
      message: "A deploy token is for CI jobs: send it as `Authorization: Bearer <token>` to the deploy API; sign in here with an admin or viewer token.",
    });
  }
  const userRole = asRole(token.user.role);
  const role = hasRole(userRole, tokenRole) ? tokenRole : userRole;
  const session = await createSession({ userId: token.userId, role, tokenId: token.id, tokenExpiresAt: token.expiresAt });
  await touchTokenLastUsed(token);
  const principal: Principal = {
    userId: token.userId,
    userName: token.user.name,
    role,
    via: "session",
    sessionId: session.sessionId,
    tokenId: token.id,
    expiresAt: session.expiresAt,
  };
  await recordAudit({
    actor: principal,
    action: "login.success",
    target: token.id,
    ip,
    detail: { hint: tokenHint(token.prefix), role },
  });
  return { cookieValue: session.cookieValue, expiresAt: session.expiresAt, info: toSessionInfo(principal) };
}

/** Ends the caller's browser session. A Bearer client has no session; that is not an error. */
export async function logout(principal: Principal, ip: string): Promise<void> {
  if (principal.sessionId) await deleteSession(principal.sessionId);
  await recordAudit({ actor: principal, action: "logout", target: principal.sessionId ?? null, ip });
}
