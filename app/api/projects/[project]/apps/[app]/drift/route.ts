import { appDriftSchema } from "@/lib/dto/app";
import { getAppDrift } from "@/server/engine/drift/app-drift";
import { appParamsSchema } from "@/server/http/project-api/route-schemas";
import { withAuth } from "@/server/http/with-auth";

/** Whether the app's objects were changed outside Berth since its last deploy, field by field. */
export const GET = withAuth(async ({ params }) => Response.json(appDriftSchema.parse(await getAppDrift(params.project, params.app))), {
  params: appParamsSchema,
});
