import { volumeListSchema } from "@/lib/dto/app";
import { volumeSpecSchema } from "@/lib/schemas/app";
import { addVolume } from "@/server/engine/model/add-volume";
import { getApp } from "@/server/engine/model/get-app";
import { volumeViews } from "@/server/http/project-api/app-views";
import { appParamsSchema } from "@/server/http/project-api/route-schemas";
import { withAuth } from "@/server/http/with-auth";

/** The app's volumes and the claims Berth makes for them. */
export const GET = withAuth(
  async ({ params }) => Response.json(volumeListSchema.parse({ volumes: volumeViews(params.app, (await getApp(params.project, params.app)).spec) })),
  { params: appParamsSchema },
);

/** Adds `{ name, size, mountPath, accessMode?, storageClass? }`; the claim is created and mounted with the next deploy. */
export const POST = withAuth(
  async ({ params, body, principal, clientIp }) => {
    const app = await addVolume({ principal, ip: clientIp }, params.project, params.app, body);
    return Response.json(volumeListSchema.parse({ volumes: volumeViews(app.name, app.spec) }), { status: 201 });
  },
  { params: appParamsSchema, body: volumeSpecSchema },
);
