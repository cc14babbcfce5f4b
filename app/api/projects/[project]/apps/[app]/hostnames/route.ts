import { hostnameListSchema } from "@/lib/dto/app";
import { hostnameSpecSchema } from "@/lib/schemas/app";
import { addHostname } from "@/server/engine/model/add-hostname";
import { getApp } from "@/server/engine/model/get-app";
import { hostnameViews } from "@/server/http/project-api/app-views";
import { appParamsSchema } from "@/server/http/project-api/route-schemas";
import { withAuth } from "@/server/http/with-auth";

/** The app's hostnames and the URLs they make. */
export const GET = withAuth(
  async ({ params }) => Response.json(hostnameListSchema.parse({ hostnames: hostnameViews((await getApp(params.project, params.app)).spec) })),
  { params: appParamsSchema },
);

/** Adds `{ host, path?, port?, tlsSecretName? }`; the Ingress rule appears with the next deploy. */
export const POST = withAuth(
  async ({ params, body, principal, clientIp }) => {
    const app = await addHostname({ principal, ip: clientIp }, params.project, params.app, body);
    return Response.json(hostnameListSchema.parse({ hostnames: hostnameViews(app.spec) }), { status: 201 });
  },
  { params: appParamsSchema, body: hostnameSpecSchema },
);
