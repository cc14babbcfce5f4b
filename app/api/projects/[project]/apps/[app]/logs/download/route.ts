import { logsDownloadQuery } from "@/lib/ws-protocol";
import { readAppLog } from "@/server/engine/queries/read-app-log";
import { appParamsSchema } from "@/server/http/project-api/route-schemas";
import { appInPath } from "@/server/http/project-api/deployer-targets";
import { logDownloadResponse } from "@/server/http/log-download-response";
import { withAuth } from "@/server/http/with-auth";

/** The app's full log as a text file, streamed from the Kubernetes API. Viewers may download. */
export const GET = withAuth(
  async ({ req, params: { project, app }, query }) => logDownloadResponse(await readAppLog({ project, app, ...query }, req.signal), [project, app, query.pod, query.container], query.previous),
  { role: "viewer", params: appParamsSchema, deployer: appInPath, query: logsDownloadQuery },
);
