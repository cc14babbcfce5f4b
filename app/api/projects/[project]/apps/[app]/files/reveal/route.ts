import { secretFileContentsSchema } from "@/lib/dto/app-files";
import { revealSecretFiles } from "@/server/engine/queries/app-files";
import { appParamsSchema } from "@/server/http/project-api/route-schemas";
import { withAuth } from "@/server/http/with-auth";

/** The text of the app's secret files, for the Files tab's "Reveal". Admin only, and every reveal is audited. */
export const GET = withAuth(
  async ({ params, principal, clientIp }) =>
    Response.json(secretFileContentsSchema.parse(await revealSecretFiles(principal, params.project, params.app, clientIp)), {
      headers: { "cache-control": "no-store" },
    }),
  { params: appParamsSchema, role: "admin" },
);
