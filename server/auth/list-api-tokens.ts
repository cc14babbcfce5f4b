import { getDb } from "@/server/db/client";
import type { ApiToken, User } from "@/server/db/generated/client";
import type { ApiTokenSummary } from "@/lib/dto/token";
import { hasRole, asRole, type Principal } from "@/server/auth/principal";
import { tokenHint } from "@/server/auth/token-format";

/** Maps a token row to what the browser may see: no hash, no secret. */
export function toTokenSummary(row: ApiToken & { user: Pick<User, "name"> }): ApiTokenSummary {
  return {
    id: row.id,
    name: row.name,
    role: asRole(row.role),
    userName: row.user.name,
    hint: tokenHint(row.prefix),
    isAdminLogin: row.isAdminLogin,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revoked: row.revokedAt !== null,
    scope: row.scopeProject ? { project: row.scopeProject, app: row.scopeApp } : null,
  };
}

/** Tokens an admin sees: everyone's. A viewer sees only the tokens of their own user. */
export async function listApiTokens(principal: Principal): Promise<ApiTokenSummary[]> {
  const rows = await getDb().apiToken.findMany({
    where: hasRole(principal.role, "admin") ? {} : { userId: principal.userId },
    include: { user: { select: { name: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map(toTokenSummary);
}
