import { getDb } from "@/server/db/client";
import type { Prisma } from "@/server/db/generated/client";
import type { CreateTokenInput } from "@/lib/schemas/token";
import type { CreatedApiToken } from "@/lib/dto/token";
import { AppError } from "@/server/errors";
import { hasRole, type Principal } from "@/server/auth/principal";
import { generateToken, tokenHint } from "@/server/auth/token-format";
import { hashSecret } from "@/server/auth/token-hash";
import { parseToken } from "@/server/auth/token-format";
import { recordAudit } from "@/server/auth/audit";
import { toTokenSummary } from "@/server/auth/list-api-tokens";

const DAY_MS = 86_400_000;

/**
 * Mints an API token for the caller's user. The value is returned once and never stored; a
 * token can never carry more power than the principal creating it (only an admin makes deploy
 * tokens, and only for a project and app that exist). The token and its audit row are written
 * in one transaction.
 */
export async function createApiToken(
  principal: Principal,
  input: CreateTokenInput,
  ip: string | null,
  now = new Date(),
): Promise<CreatedApiToken> {
  if (!hasRole(principal.role, input.role)) {
    throw new AppError({ code: "forbidden", message: `A ${principal.role} cannot create a token with the ${input.role} role.` });
  }
  const { token, prefix } = generateToken();
  const hash = await hashSecret(parseToken(token)!.secret);
  return getDb().$transaction(async (tx) => {
    if (input.project !== undefined) await refuseUnknownScope(tx, input.project, input.app);
    const row = await tx.apiToken.create({
      data: {
        userId: principal.userId,
        name: input.name,
        role: input.role,
        scopeProject: input.project ?? null,
        scopeApp: input.app ?? null,
        prefix,
        hash,
        createdAt: now,
        expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * DAY_MS) : null,
      },
      include: { user: { select: { name: true } } },
    });
    await recordAudit(
      {
        actor: principal,
        action: "token.create",
        target: row.id,
        ip,
        detail: {
          name: row.name,
          role: row.role,
          hint: tokenHint(prefix),
          expiresAt: row.expiresAt?.toISOString() ?? null,
          ...(row.scopeProject ? { scope: { project: row.scopeProject, app: row.scopeApp } } : {}),
        },
      },
      tx,
    );
    return { ...toTokenSummary(row), token };
  });
}

/** 404 with a sentence when a deploy token's scope names a project or app that does not exist. */
async function refuseUnknownScope(tx: Prisma.TransactionClient, project: string, app: string | undefined): Promise<void> {
  const found = await tx.project.findUnique({ where: { name: project }, select: { id: true, apps: app ? { where: { name: app }, select: { id: true } } : false } });
  if (!found) throw new AppError({ code: "not_found", message: `project: there is no project "${project}" to scope the token to.` });
  if (app && found.apps.length === 0) throw new AppError({ code: "not_found", message: `app: project "${project}" has no app "${app}" to scope the token to.` });
}
