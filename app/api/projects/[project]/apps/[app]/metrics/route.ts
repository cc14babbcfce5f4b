import { appMetricsSchema } from "@/lib/dto/app-metrics";
import { getApp } from "@/server/engine/model/get-app";
import { getAppMetrics } from "@/server/engine/status/app-metrics";
import { appParamsSchema } from "@/server/http/project-api/route-schemas";
import { withAuth } from "@/server/http/with-auth";

/** CPU and memory over the last few minutes; `available: false` when the cluster has no metrics-server. */
export const GET = withAuth(
  async ({ params }) => {
    await getApp(params.project, params.app);
    return Response.json(appMetricsSchema.parse(await getAppMetrics(params.project, params.app)));
  },
  { params: appParamsSchema },
);
