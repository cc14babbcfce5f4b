import { appStatusSchema } from "@/lib/dto/app-status";
import { readAppStatus } from "@/server/engine/queries/read-app-status";
import { appParamsSchema } from "@/server/http/project-api/route-schemas";
import { appInPath } from "@/server/http/project-api/deployer-targets";
import { withAuth } from "@/server/http/with-auth";

/** Health, replicas, pods, events, volumes and URLs of the app, with an explanation when something is wrong. */
export const GET = withAuth(
  async ({ params }) => Response.json(appStatusSchema.parse(await readAppStatus(params.project, params.app))),
  { params: appParamsSchema, deployer: appInPath },
);
