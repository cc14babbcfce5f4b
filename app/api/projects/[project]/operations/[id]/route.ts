import { operationSchema } from "@/lib/dto/app";
import { AppError } from "@/server/errors";
import { waitForOperation } from "@/server/engine/operations/enqueue";
import { WAIT_LIMIT_MS } from "@/server/http/project-api/respond-operation";
import { operationParamsSchema, waitQuerySchema } from "@/server/http/project-api/route-schemas";
import { withAuth } from "@/server/http/with-auth";

/**
 * One operation of the project, to poll what a 202 answer queued; `?wait=true` answers once it
 * has finished (or after 60 s with its status as it is then).
 */
export const GET = withAuth(
  async ({ params, query }) => {
    const operation = await waitForOperation(params.id, query.wait ? WAIT_LIMIT_MS : 0);
    if (operation.project !== params.project) throw new AppError({ code: "not_found", message: `There is no operation ${params.id} in project "${params.project}".` });
    return Response.json(operationSchema.parse(operation));
  },
  { params: operationParamsSchema, query: waitQuerySchema },
);
