import { startApp } from "@/server/engine/operations/start-app";
import { respondWithOperation } from "@/server/http/project-api/respond-operation";
import { appParamsSchema, waitQuerySchema } from "@/server/http/project-api/route-schemas";
import { withAuth } from "@/server/http/with-auth";

/** Scales a stopped app back to the replicas it last ran with (1 if none). 202 with the operation; `?wait=true` answers once it has finished. */
export const POST = withAuth(
  async ({ params, query, principal, clientIp }) => {
    const queued = await startApp({ principal, ip: clientIp }, params);
    return respondWithOperation(queued, { wait: query.wait, project: params.project, app: params.app });
  },
  { params: appParamsSchema, query: waitQuerySchema },
);
