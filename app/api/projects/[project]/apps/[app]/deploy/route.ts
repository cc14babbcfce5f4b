import { deployBodySchema } from "@/lib/schemas/app";
import { deployApp } from "@/server/engine/operations/deploy-app";
import { respondWithOperation } from "@/server/http/project-api/respond-operation";
import { appParamsSchema, waitQuerySchema } from "@/server/http/project-api/route-schemas";
import { appInPath } from "@/server/http/project-api/deployer-targets";
import { withAuth } from "@/server/http/with-auth";

/**
 * Deploys the app's spec as a new revision; with `{ "image": "…" }` it sets the image first, in
 * the same revision (a CI job's deploy). 202 with the operation and revision; `?wait=true`
 * answers once it has finished.
 */
export const POST = withAuth(
  async ({ params, query, body, principal, clientIp }) => {
    const queued = await deployApp({ principal, ip: clientIp }, { ...params, image: body?.image });
    return respondWithOperation(queued, { wait: query.wait, project: params.project, app: params.app });
  },
  { params: appParamsSchema, deployer: appInPath, query: waitQuerySchema, body: deployBodySchema },
);
