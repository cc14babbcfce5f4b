import { rollbackSchema } from "@/lib/schemas/app";
import { rollbackApp } from "@/server/engine/operations/enqueue";
import { auditChange, respondWithOperation } from "@/server/http/project-api/respond-operation";
import { appParamsSchema, waitQuerySchema } from "@/server/http/project-api/route-schemas";
import { withAuth } from "@/server/http/with-auth";

/** Rolls back to `{ "revision": n }`: a new revision with that revision's spec. */
export const POST = withAuth(
  async ({ params, body, query, principal, clientIp }) => {
    const queued = await rollbackApp({ project: params.project, app: params.app, revision: body.revision, actor: principal.userName });
    await auditChange(principal, "app.rollback", `${params.project}/${params.app}`, clientIp, { to: body.revision, revision: queued.revision.number });
    return respondWithOperation(queued, { wait: query.wait, project: params.project, app: params.app });
  },
  { params: appParamsSchema, body: rollbackSchema, query: waitQuerySchema },
);
