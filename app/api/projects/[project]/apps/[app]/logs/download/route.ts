import { logsDownloadQuery } from "@/lib/ws-protocol";
import { readAppLog } from "@/server/engine/queries/read-app-log";
import { appParamsSchema } from "@/server/http/project-api/route-schemas";
import { appInPath } from "@/server/http/project-api/deployer-targets";
import { withAuth } from "@/server/http/with-auth";

/** The app's full log as a text file, streamed from the Kubernetes API. Viewers may download. */
export const GET = withAuth(
  async ({ req, params: { project, app }, query }) => {
    const body = await readAppLog({ project, app, ...query }, req.signal);
    const name = [project, app, query.pod, query.container].filter(Boolean).join("-");
    return new Response(body, {
      headers: {
        "Content-Type": "text/plain; charset=utf-8",
        "Content-Disposition": `attachment; filename="${name}${query.previous ? "-previous" : ""}.log"`,
        "Cache-Control": "no-store",
      },
    });
  },
  { role: "viewer", params: appParamsSchema, deployer: appInPath, query: logsDownloadQuery },
);
