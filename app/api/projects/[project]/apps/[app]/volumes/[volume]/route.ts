import { volumeListSchema } from "@/lib/dto/app";
import { removeVolume } from "@/server/engine/model/remove-volume";
import { volumeViews } from "@/server/http/project-api/app-views";
import { volumeParamsSchema } from "@/server/http/project-api/route-schemas";
import { withAuth } from "@/server/http/with-auth";

/** Stops mounting the volume from the next deploy on; its claim (the data) stays until the app is deleted with data. */
export const DELETE = withAuth(
  async ({ params, principal, clientIp }) => {
    const app = await removeVolume({ principal, ip: clientIp }, params.project, params.app, params.volume);
    return Response.json(volumeListSchema.parse({ volumes: volumeViews(app.name, app.spec) }));
  },
  { params: volumeParamsSchema },
);
