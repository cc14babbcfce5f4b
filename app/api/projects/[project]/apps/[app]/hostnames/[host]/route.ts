import { hostnameListSchema } from "@/lib/dto/app";
import { removeHostname } from "@/server/engine/model/remove-hostname";
import { hostnameViews } from "@/server/http/project-api/app-views";
import { hostnameParamsSchema, removeHostnameQuerySchema } from "@/server/http/project-api/route-schemas";
import { withAuth } from "@/server/http/with-auth";

/** Removes the host's rule for `?path=` ("/" when left out); the next deploy prunes its Ingress rule. */
export const DELETE = withAuth(
  async ({ params, query, principal, clientIp }) => {
    const app = await removeHostname({ principal, ip: clientIp }, params.project, params.app, params.host, query.path);
    return Response.json(hostnameListSchema.parse({ hostnames: hostnameViews(app.spec) }));
  },
  { params: hostnameParamsSchema, query: removeHostnameQuerySchema },
);
