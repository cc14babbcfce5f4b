import { restartApp } from "@/server/engine/operations/restart-app";
import { respondWithOperation } from "@/server/http/project-api/respond-operation";
import { appParamsSchema, waitQuerySchema } from "@/server/http/project-api/route-schemas";
import { appInPath } from "@/server/http/project-api/deployer-targets";
import { withAuth } from "@/server/http/with-auth";

/** Restarts every pod of the app (as `kubectl rollout restart`), as a new revision. 202 with the operation; `?wait=true` answers once it has finished. */
export const POST = withAuth(
  async ({ params, query, principal, clientIp }) => {
    const queued = await restartApp({ principal, ip: clientIp }, params);
    return respondWithOperation(queued, { wait: query.wait, project: params.project, app: params.app });
  },
  { params: appParamsSchema, deployer: appInPath, query: waitQuerySchema },
);
