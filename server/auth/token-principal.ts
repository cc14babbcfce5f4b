import { asRole, hasRole, type Principal } from "@/server/auth/principal";
import { tokenHint } from "@/server/auth/token-format";
import type { TokenWithUser } from "@/server/auth/verify-token";

/**
 * The principal a verified Bearer token acts as. A token never carries more than its owner's
 * role now. A deploy token acts within its scope, and only while its owner is still an admin
 * (only admins may make one); otherwise, or without a stored scope, it is no credential at all
 * (null) rather than a broader one.
 */
export function principalFromToken(token: TokenWithUser): Principal | null {
  const tokenRole = asRole(token.role);
  const userRole = asRole(token.user.role);
  const base = { userId: token.userId, userName: token.user.name, via: "token" as const, tokenId: token.id, tokenHint: tokenHint(token.prefix), expiresAt: token.expiresAt };
  if (tokenRole === "deployer") {
    if (userRole !== "admin" || !token.scopeProject) return null;
    return { ...base, role: "deployer", scope: { project: token.scopeProject, app: token.scopeApp } };
  }
  return { ...base, role: hasRole(userRole, tokenRole) ? tokenRole : userRole };
}
