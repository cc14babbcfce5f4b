import { resolveSession, SESSION_COOKIE } from "@/server/auth/sessions";
import { touchTokenLastUsed, verifyToken } from "@/server/auth/verify-token";
import type { Principal } from "@/server/auth/principal";
import { principalFromToken } from "@/server/auth/token-principal";
import { readCookie } from "@/server/http/cookies";
import type { HeaderReader } from "@/server/http/request-origin";

/**
 * The result of reading credentials. `commit` performs the bookkeeping writes (token last-used,
 * sliding session expiry); the guard calls it only after every other check passed, so rejected
 * requests write nothing. It returns the session's new expiry when the cookie must be re-sent.
 */
export type Authentication =
  | { ok: true; principal: Principal; commit: () => Promise<Date | null> }
  | { ok: false; attempted: "none" | "token" | "session"; message: string };

const BEARER_RE = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * Authenticates from headers: `Authorization: Bearer <token>` first, then the session cookie.
 * A present but bad Authorization header is not silently ignored in favour of the cookie.
 */
export async function authenticateRequest(get: HeaderReader): Promise<Authentication> {
  const authorization = get("authorization");
  if (authorization) {
    const match = BEARER_RE.exec(authorization);
    if (!match) {
      return { ok: false, attempted: "token", message: "The Authorization header must be `Bearer <token>`." };
    }
    const token = await verifyToken(match[1]);
    if (!token) return { ok: false, attempted: "token", message: "That token is not valid; it may be revoked or expired." };
    const principal = principalFromToken(token);
    if (!principal) return { ok: false, attempted: "token", message: "That deploy token no longer works: its owner is not an admin any more. Ask an admin for a new one." };
    return { ok: true, principal, commit: () => touchTokenLastUsed(token).then(() => null) };
  }

  const cookie = readCookie(get("cookie"), SESSION_COOKIE);
  if (cookie) {
    const session = await resolveSession(cookie);
    if (!session) return { ok: false, attempted: "session", message: "Your session has ended or expired; sign in again." };
    return { ok: true, principal: session.principal, commit: async () => (session.refresh ? session.refresh() : null) };
  }
  return { ok: false, attempted: "none", message: "Sign in first: send a session cookie or `Authorization: Bearer <token>`." };
}
