import type { IncomingMessage } from "node:http";
import type { Principal } from "@/server/auth/principal";
import { loginFailures } from "@/server/auth/login-rate-limit";
import { authenticateRequest } from "@/server/http/authenticate-request";
import { noteRequestUser } from "@/server/http/request-context";
import { checkSameOrigin, clientAddress, headerReader } from "@/server/http/request-origin";

export type UpgradeAuth = { ok: true; principal: Principal } | { ok: false; status: 401 | 403; message: string };

/**
 * The guard for WebSocket upgrades, run by the gateway before `handleUpgrade`: a session cookie
 * or Bearer token (else 401), then a same-origin `Origin` on every upgrade, Bearer included
 * (else 403). Browsers always send Origin on a handshake and attach cookies cross-site, so this
 * is what stops cross-site WebSocket hijacking. Per-path roles (exec needs admin) are the route's.
 */
export async function authenticateUpgrade(req: IncomingMessage): Promise<UpgradeAuth> {
  const get = headerReader(req.headers);
  const clientIp = clientAddress(get);
  if (get("authorization") && loginFailures.retryAfterSeconds(clientIp) > 0) {
    return { ok: false, status: 401, message: "Too many failed sign-in attempts from your address; wait and try again." };
  }
  const auth = await authenticateRequest(get);
  if (!auth.ok) {
    if (auth.attempted === "token") loginFailures.recordFailure(clientIp);
    return { ok: false, status: 401, message: auth.message };
  }
  const originProblem = checkSameOrigin(get);
  if (originProblem) return { ok: false, status: 403, message: originProblem };
  noteRequestUser(auth.principal.userId);
  await auth.commit();
  return { ok: true, principal: auth.principal };
}
