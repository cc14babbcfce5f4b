import { getDb } from "@/server/db/client";
import { parseToken } from "@/server/auth/token-format";
import { hashSecret } from "@/server/auth/token-hash";
import { forgetVerifiedTokens } from "@/server/auth/verify-token";

/** Name of the user the admin login token belongs to. */
export const ADMIN_USER_NAME = "admin";
const ADMIN_TOKEN_NAME = "Admin login";

/**
 * Makes `tokenValue` the one admin login token: creates the admin user if needed, revokes the
 * previous admin login token and ends the browser sessions it opened, all in one transaction.
 * Returns how many sessions were ended.
 */
export async function installAdminToken(tokenValue: string, now = new Date()): Promise<{ sessionsEnded: number }> {
  const parsed = parseToken(tokenValue);
  if (!parsed) throw new Error("installAdminToken was given a value that is not a Berth token.");
  const hash = await hashSecret(parsed.secret);
  const result = await getDb().$transaction(async (tx) => {
    const user = await tx.user.upsert({
      where: { name: ADMIN_USER_NAME },
      create: { name: ADMIN_USER_NAME, role: "admin" },
      update: {},
    });
    const clash = await tx.apiToken.findUnique({ where: { prefix: parsed.prefix } });
    if (clash && !clash.revokedAt && !clash.isAdminLogin) {
      throw new Error("The new admin token's prefix matches an existing API token; generate another value.");
    }
    if (clash) await tx.apiToken.delete({ where: { id: clash.id } });
    const previous = await tx.apiToken.findMany({ where: { isAdminLogin: true, revokedAt: null }, select: { id: true } });
    const ids = previous.map((t) => t.id);
    await tx.apiToken.updateMany({ where: { id: { in: ids } }, data: { revokedAt: now } });
    const { count } = await tx.session.deleteMany({ where: { tokenId: { in: [...ids, ...(clash ? [clash.id] : [])] } } });
    await tx.apiToken.create({
      data: { userId: user.id, name: ADMIN_TOKEN_NAME, role: "admin", prefix: parsed.prefix, hash, isAdminLogin: true, createdAt: now },
    });
    return { sessionsEnded: count };
  });
  forgetVerifiedTokens();
  return result;
}
