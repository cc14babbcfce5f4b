import { revisionListSchema } from "@/lib/dto/app";
import { getApp } from "@/server/engine/model/get-app";
import { listRevisions } from "@/server/engine/revisions";
import { appParamsSchema } from "@/server/http/project-api/route-schemas";
import { appInPath } from "@/server/http/project-api/deployer-targets";
import { withAuth } from "@/server/http/with-auth";

/** The app's revisions, newest first, with outcome and message. */
export const GET = withAuth(
  async ({ params }) => {
    await getApp(params.project, params.app);
    return Response.json(revisionListSchema.parse({ revisions: await listRevisions(params.project, params.app) }));
  },
  { params: appParamsSchema, deployer: appInPath },
);
