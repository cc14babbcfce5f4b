import { rollbackSchema } from "@/lib/schemas/app";
import { rollbackApp } from "@/server/engine/operations/rollback-app";
import { respondWithOperation } from "@/server/http/project-api/respond-operation";
import { appParamsSchema, waitQuerySchema } from "@/server/http/project-api/route-schemas";
import { appInPath } from "@/server/http/project-api/deployer-targets";
import { withAuth } from "@/server/http/with-auth";

/** Rolls back to `{ "revision": n }`: a new revision with that revision's spec. */
export const POST = withAuth(
  async ({ params, body, query, principal, clientIp }) => {
    const queued = await rollbackApp({ principal, ip: clientIp }, { ...params, revision: body.revision });
    return respondWithOperation(queued, { wait: query.wait, project: params.project, app: params.app });
  },
  { params: appParamsSchema, deployer: appInPath, body: rollbackSchema, query: waitQuerySchema },
);
