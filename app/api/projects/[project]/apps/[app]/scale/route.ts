import { scaleSchema } from "@/lib/schemas/app";
import { scaleApp } from "@/server/engine/operations/scale-app";
import { respondWithOperation } from "@/server/http/project-api/respond-operation";
import { appParamsSchema, waitQuerySchema } from "@/server/http/project-api/route-schemas";
import { withAuth } from "@/server/http/with-auth";

/** Sets the number of replicas, `{ "replicas": n }` (0–50; at most 1 with a ReadWriteOnce volume). */
export const POST = withAuth(
  async ({ params, body, query, principal, clientIp }) => {
    const queued = await scaleApp({ principal, ip: clientIp }, { ...params, replicas: body.replicas });
    return respondWithOperation(queued, { wait: query.wait, project: params.project, app: params.app });
  },
  { params: appParamsSchema, body: scaleSchema, query: waitQuerySchema },
);
