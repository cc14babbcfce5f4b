import { adoptDriftSchema } from "@/lib/schemas/drift";
import { adoptAppDrift } from "@/server/engine/operations/adopt-app-drift";
import { respondWithOperation } from "@/server/http/project-api/respond-operation";
import { appParamsSchema, waitQuerySchema } from "@/server/http/project-api/route-schemas";
import { withAuth } from "@/server/http/with-auth";

/**
 * Adopts the live values of fields changed outside Berth into the spec, as a new revision that
 * Berth deploys with force. 202 with the operation; `?wait=true` waits; 409 when nothing drifted.
 */
export const POST = withAuth(
  async ({ params, query, body, principal, clientIp }) => {
    const queued = await adoptAppDrift({ principal, ip: clientIp }, { ...params, fields: body?.fields });
    return respondWithOperation(queued, { wait: query.wait, project: params.project, app: params.app });
  },
  { params: appParamsSchema, query: waitQuerySchema, body: adoptDriftSchema },
);
