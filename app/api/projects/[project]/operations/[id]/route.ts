import { operationSchema } from "@/lib/dto/app";
import { readOperation } from "@/server/engine/queries/read-operation";
import { WAIT_LIMIT_MS } from "@/server/http/project-api/respond-operation";
import { operationParamsSchema, waitQuerySchema } from "@/server/http/project-api/route-schemas";
import { appOfOperation } from "@/server/http/project-api/deployer-targets";
import { withAuth } from "@/server/http/with-auth";

/**
 * One operation of the project, to poll what a 202 answer queued; `?wait=true` answers once it
 * has finished (or after 60 s with its status as it is then).
 */
export const GET = withAuth(
  async ({ params, query }) => Response.json(operationSchema.parse(await readOperation(params.project, params.id, query.wait ? WAIT_LIMIT_MS : 0))),
  { params: operationParamsSchema, query: waitQuerySchema, deployer: appOfOperation },
);
