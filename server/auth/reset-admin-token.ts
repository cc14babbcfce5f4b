import { recordAudit } from "@/server/auth/audit";
import { installAdminToken } from "@/server/auth/install-admin-token";
import { generateToken, tokenHint } from "@/server/auth/token-format";

/**
 * Rotates the admin login token (`berth token reset`): a new value replaces the old one,
 * and every browser session opened with the old one ends. Returns the new value to print once.
 */
export async function resetAdminToken(): Promise<{ token: string; sessionsEnded: number }> {
  const { token, prefix } = generateToken();
  const { sessionsEnded } = await installAdminToken(token);
  await recordAudit({ actor: null, action: "admin_token.reset", detail: { source: "cli", hint: tokenHint(prefix), sessionsEnded } });
  return { token, sessionsEnded };
}
