import { secretEnvValuesSchema } from "@/lib/dto/status-board";
import { revealSecretEnv } from "@/server/engine/queries/reveal-secret-env";
import { appParamsSchema } from "@/server/http/project-api/route-schemas";
import { withAuth } from "@/server/http/with-auth";

/** The app's secret env values, for the Environment tab's "Reveal". Admin only, and every reveal is audited. */
export const GET = withAuth(
  async ({ params, principal, clientIp }) =>
    Response.json(secretEnvValuesSchema.parse(await revealSecretEnv(principal, params.project, params.app, clientIp)), {
      headers: { "cache-control": "no-store" },
    }),
  { params: appParamsSchema, role: "admin" },
);
