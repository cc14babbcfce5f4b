import { getDb } from "@/server/db/client";
import type { ApiTokenSummary } from "@/lib/dto/token";
import { AppError } from "@/server/errors";
import type { Principal } from "@/server/auth/principal";
import { recordAudit } from "@/server/auth/audit";
import { deleteSessionsOfToken } from "@/server/auth/sessions";
import { forgetVerifiedTokens } from "@/server/auth/verify-token";
import { toTokenSummary } from "@/server/auth/list-api-tokens";
import { tokenHint } from "@/server/auth/token-format";
import { commandForOperator } from "@/server/operator-command";

/**
 * Revokes a token and ends every browser session opened with it, audited in the same
 * transaction. Revoking twice is harmless.
 * The admin login token is refused here: it is rotated with `berth token reset`, so the
 * operator can never lock themselves out from the browser.
 */
export async function revokeApiToken(principal: Principal, id: string, ip: string | null, now = new Date()): Promise<ApiTokenSummary> {
  const db = getDb();
  const row = await db.apiToken.findUnique({ where: { id }, include: { user: { select: { name: true } } } });
  if (!row) throw new AppError({ code: "not_found", message: `No token with id "${id}"; it may have been deleted.` });
  if (row.isAdminLogin) {
    throw new AppError({
      code: "conflict",
      message: `The admin login token cannot be revoked here; rotate it with \`${commandForOperator("token reset")}\`.`,
    });
  }
  if (row.revokedAt) return toTokenSummary(row);

  const revoked = await db.$transaction(async (tx) => {
    const updated = await tx.apiToken.update({
      where: { id },
      data: { revokedAt: now },
      include: { user: { select: { name: true } } },
    });
    const sessionsEnded = await deleteSessionsOfToken(id, tx);
    await recordAudit({ actor: principal, action: "token.revoke", target: id, ip, detail: { name: row.name, hint: tokenHint(row.prefix), sessionsEnded } }, tx);
    return updated;
  });
  forgetVerifiedTokens();
  return toTokenSummary(revoked);
}
