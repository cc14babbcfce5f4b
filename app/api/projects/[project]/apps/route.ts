import { appListSchema } from "@/lib/dto/app";
import { appSpecSchema } from "@/lib/schemas/app";
import { createApp } from "@/server/engine/model/create-app";
import { listAppSummaries } from "@/server/engine/queries/list-app-summaries";
import { toAppDetail } from "@/server/http/project-api/app-views";
import { projectParamsSchema } from "@/server/http/project-api/route-schemas";
import { withAuth } from "@/server/http/with-auth";

/** The project's apps with their health. */
export const GET = withAuth(
  async ({ params }) => Response.json(appListSchema.parse({ apps: await listAppSummaries(params.project) })),
  { params: projectParamsSchema },
);

/** Creates an app from its spec; nothing reaches the cluster until it is deployed. */
export const POST = withAuth(
  async ({ params, body, principal, clientIp }) => {
    const app = await createApp({ principal, ip: clientIp }, params.project, body);
    return Response.json(toAppDetail(app), { status: 201 });
  },
  { params: projectParamsSchema, body: appSpecSchema },
);
