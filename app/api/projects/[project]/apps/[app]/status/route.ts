import { appStatusSchema } from "@/lib/dto/app-status";
import { getApp } from "@/server/engine/model/get-app";
import { pvcName } from "@/server/engine/names";
import { getAppStatus } from "@/server/engine/status/app-status";
import { appParamsSchema } from "@/server/http/project-api/route-schemas";
import { withAuth } from "@/server/http/with-auth";

/** Health, replicas, pods, events, volumes and URLs of the app, with an explanation when something is wrong. */
export const GET = withAuth(
  async ({ params }) => {
    const app = await getApp(params.project, params.app);
    const status = await getAppStatus(params.project, params.app, {
      desiredReplicas: app.spec.replicas,
      expectedVolumes: app.spec.volumes.map((v) => pvcName(app.name, v.name)),
    });
    return Response.json(appStatusSchema.parse(status));
  },
  { params: appParamsSchema },
);
