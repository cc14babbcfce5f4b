import { secretEnvValuesSchema } from "@/lib/dto/status-board";
import { getDb } from "@/server/db/client";
import { auditChange } from "@/server/auth/audit";
import { appSpecOf, findAppOrThrow } from "@/server/engine/model/app-record";
import { appParamsSchema } from "@/server/http/project-api/route-schemas";
import { withAuth } from "@/server/http/with-auth";

/**
 * The app's secret env values, for the Environment tab's "Reveal". Admin only, and every
 * reveal is written to the audit log (names only, never the values).
 */
export const GET = withAuth(
  async ({ params, principal, clientIp }) => {
    const row = await findAppOrThrow(getDb(), params.project, params.app);
    const secretEnv = appSpecOf(row).secretEnv;
    await auditChange(getDb(), { principal, ip: clientIp }, "app.secret_env.reveal", `${params.project}/${params.app}`, { names: secretEnv.map((v) => v.name) });
    return Response.json(secretEnvValuesSchema.parse({ secretEnv }), { headers: { "cache-control": "no-store" } });
  },
  { params: appParamsSchema, role: "admin" },
);
