import { logsDownloadQuery } from "@/lib/ws-protocol";
import { appParamsSchema } from "@/server/http/project-api/route-schemas";
import { withAuth } from "@/server/http/with-auth";
import { clusterKubeConfig } from "@/server/kube/cluster";
import { downloadAppLog } from "@/server/kube/download-app-log";

/** The app's full log as a text file, streamed from the Kubernetes API. Viewers may download. */
export const GET = withAuth(
  async ({ req, params: { project, app }, query }) => {
    const body = await downloadAppLog(clusterKubeConfig(), { project, app, ...query }, req.signal);
    const name = [project, app, query.pod, query.container].filter(Boolean).join("-");
    return new Response(body, {
      headers: {
        "Content-Type": "text/plain; charset=utf-8",
        "Content-Disposition": `attachment; filename="${name}${query.previous ? "-previous" : ""}.log"`,
        "Cache-Control": "no-store",
      },
    });
  },
  { role: "viewer", params: appParamsSchema, query: logsDownloadQuery },
);
