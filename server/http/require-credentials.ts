import { loginFailures } from "@/server/auth/login-rate-limit";
import { authenticateRequest, type Authentication } from "@/server/http/authenticate-request";
import type { HeaderReader } from "@/server/http/request-origin";
import { AppError } from "@/server/errors";

/** Refuses (429) a client over the failed-login limit before its credentials are even read. */
export function refuseIfRateLimited(clientIp: string): void {
  const retryAfter = loginFailures.retryAfterSeconds(clientIp);
  if (retryAfter > 0) {
    throw new AppError({
      code: "rate_limited",
      message: `Too many failed sign-in attempts from your address; try again in ${retryAfter} seconds.`,
      headers: { "Retry-After": String(retryAfter) },
    });
  }
}

/**
 * The credentials step every /api request passes first, whether it reaches a route handler or
 * is refused by the custom server for its path: 429 for a rate-limited Bearer client, 401
 * without valid credentials (a bad token counts as a failed sign-in). Writes nothing; the
 * caller runs `commit` once every other check has passed.
 */
export async function requireCredentials(get: HeaderReader, clientIp: string): Promise<Extract<Authentication, { ok: true }>> {
  if (get("authorization")) refuseIfRateLimited(clientIp);
  const auth = await authenticateRequest(get);
  if (!auth.ok) {
    if (auth.attempted === "token") loginFailures.recordFailure(clientIp);
    throw new AppError({ code: "unauthenticated", message: auth.message });
  }
  return auth;
}
