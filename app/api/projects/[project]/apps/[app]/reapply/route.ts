import { reapplyApp } from "@/server/engine/operations/reapply-app";
import { respondWithOperation } from "@/server/http/project-api/respond-operation";
import { appParamsSchema, waitQuerySchema } from "@/server/http/project-api/route-schemas";
import { withAuth } from "@/server/http/with-auth";

/**
 * Re-applies the current spec, taking back fields changed outside Berth (the only forced
 * server-side apply), as a new revision. 202 with the operation; `?wait=true` waits.
 */
export const POST = withAuth(
  async ({ params, query, principal, clientIp }) => {
    const queued = await reapplyApp({ principal, ip: clientIp }, params);
    return respondWithOperation(queued, { wait: query.wait, project: params.project, app: params.app });
  },
  { params: appParamsSchema, query: waitQuerySchema },
);
