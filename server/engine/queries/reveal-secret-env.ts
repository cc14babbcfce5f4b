import type { SecretEnvValues } from "@/lib/dto/status-board";
import { recordAudit } from "@/server/auth/audit";
import type { Principal } from "@/server/auth/principal";
import { getDb } from "@/server/db/client";
import { appSpecOf, findAppOrThrow } from "@/server/engine/model/app-record";

/**
 * The app's secret env values for the Environment tab's "Reveal". Every reveal is written to the
 * audit log with the names revealed, never the values; AppError not_found for an unknown app.
 */
export async function revealSecretEnv(principal: Principal, project: string, app: string, ip: string | null): Promise<SecretEnvValues> {
  const row = await findAppOrThrow(getDb(), project, app);
  const secretEnv = appSpecOf(row).secretEnv;
  await recordAudit({
    actor: principal,
    action: "app.secret_env.reveal",
    target: `${project}/${app}`,
    ip,
    detail: { names: secretEnv.map((v) => v.name) },
  });
  return { secretEnv };
}
