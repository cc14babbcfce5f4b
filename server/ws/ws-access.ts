import { roleProblem, scopeProblem, type ScopeTarget } from "@/server/auth/access";
import type { Principal } from "@/server/auth/principal";
import type { WsAdmission } from "@/server/ws/gateway";

/**
 * The role and scope checks of server/auth/access.ts for a socket's `admit`, as the gateway's
 * 403. `target` is where the socket acts when a deploy token may open it; null refuses them.
 */
export function admitAccess(principal: Principal, required: "admin" | "viewer", target: ScopeTarget | null): WsAdmission {
  const problem = roleProblem(principal, required, target !== null) ?? (target ? scopeProblem(principal, target) : null);
  return problem ? { ok: false, status: 403, message: problem } : { ok: true };
}
