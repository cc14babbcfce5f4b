import { hostnameListSchema } from "@/lib/dto/app";
import { removeHostname } from "@/server/engine/model/remove-hostname";
import { hostnameViews } from "@/server/http/project-api/app-views";
import { auditChange } from "@/server/http/project-api/respond-operation";
import { hostnameParamsSchema, removeHostnameQuerySchema } from "@/server/http/project-api/route-schemas";
import { withAuth } from "@/server/http/with-auth";

/** Removes the host's rule for `?path=` ("/" when left out); the next deploy prunes its Ingress rule. */
export const DELETE = withAuth(
  async ({ params, query, principal, clientIp }) => {
    const app = await removeHostname(params.project, params.app, params.host, query.path ?? "/");
    await auditChange(principal, "app.hostname.remove", `${params.project}/${params.app}`, clientIp, { host: params.host, path: query.path ?? "/" });
    return Response.json(hostnameListSchema.parse({ hostnames: hostnameViews(app.spec) }));
  },
  { params: hostnameParamsSchema, query: removeHostnameQuerySchema },
);
