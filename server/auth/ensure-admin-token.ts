import { getDb } from "@/server/db/client";
import { recordAudit } from "@/server/auth/audit";
import { installAdminToken } from "@/server/auth/install-admin-token";
import { generateToken, parseToken, TOKEN_SHAPE_HELP } from "@/server/auth/token-format";
import { verifySecret } from "@/server/auth/token-hash";
import { commandForOperator } from "@/server/operator-command";

/** What start-up did about the admin login token, and the one line to print to stdout (or null). */
export type AdminTokenOutcome = {
  outcome: "generated" | "from_env" | "rotated_from_env" | "unchanged";
  line: string;
};

/** Thrown when `BERTH_ADMIN_TOKEN` is set to something that is not a Berth token. */
export class AdminTokenEnvError extends Error {
  constructor() {
    super(`BERTH_ADMIN_TOKEN is set but is not a valid Berth token: ${TOKEN_SHAPE_HELP}.`);
    this.name = "AdminTokenEnvError";
  }
}

/**
 * Run once at start, after migrations. On an empty database it generates the admin login token
 * and returns the line `Berth admin token: <token>` — the only time the value is ever shown.
 * When `BERTH_ADMIN_TOKEN` is set (e.g. from a Kubernetes Secret), that value becomes the admin
 * token instead, replacing a different stored one, and the printed line reveals nothing.
 * The caller prints `line` to stdout.
 */
export async function ensureAdminToken(env: Record<string, string | undefined> = process.env): Promise<AdminTokenOutcome> {
  const fromEnv = env.BERTH_ADMIN_TOKEN?.trim();
  const current = await getDb().apiToken.findFirst({ where: { isAdminLogin: true, revokedAt: null } });

  if (fromEnv) {
    const parsed = parseToken(fromEnv);
    if (!parsed) throw new AdminTokenEnvError();
    const line = "Berth admin token: set from BERTH_ADMIN_TOKEN";
    if (current && current.prefix === parsed.prefix && (await verifySecret(parsed.secret, current.hash))) {
      return { outcome: "from_env", line };
    }
    const { sessionsEnded } = await installAdminToken(fromEnv);
    if (current) {
      await recordAudit({ actor: null, action: "admin_token.reset", detail: { source: "BERTH_ADMIN_TOKEN", sessionsEnded } });
    }
    return { outcome: current ? "rotated_from_env" : "from_env", line };
  }

  if (current) {
    return { outcome: "unchanged", line: `Berth admin token: unchanged since it was first printed (rotate it with \`${commandForOperator("token reset")}\`)` };
  }
  const { token } = generateToken();
  await installAdminToken(token);
  return { outcome: "generated", line: `Berth admin token: ${token}` };
}
