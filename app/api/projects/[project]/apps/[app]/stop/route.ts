import { stopApp } from "@/server/engine/operations/stop-app";
import { respondWithOperation } from "@/server/http/project-api/respond-operation";
import { appParamsSchema, waitQuerySchema } from "@/server/http/project-api/route-schemas";
import { withAuth } from "@/server/http/with-auth";

/** Scales the app to 0 replicas; `start` brings back the previous count. 202 with the operation; `?wait=true` answers once it has finished. */
export const POST = withAuth(
  async ({ params, query, principal, clientIp }) => {
    const queued = await stopApp({ principal, ip: clientIp }, params);
    return respondWithOperation(queued, { wait: query.wait, project: params.project, app: params.app });
  },
  { params: appParamsSchema, query: waitQuerySchema },
);
