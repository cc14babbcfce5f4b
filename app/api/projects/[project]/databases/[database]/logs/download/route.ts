import { logsDownloadQuery } from "@/lib/ws-protocol";
import { readAppLog } from "@/server/engine/queries/read-app-log";
import { databaseParamsSchema } from "@/server/http/project-api/database-route-schemas";
import { logDownloadResponse } from "@/server/http/log-download-response";
import { withAuth } from "@/server/http/with-auth";

/** The database's full log as a text file, streamed from the Kubernetes API. Viewers may download; deploy tokens may not (they read only their apps' logs). */
export const GET = withAuth(
  async ({ req, params: { project, database }, query }) =>
    logDownloadResponse(await readAppLog({ project, database, ...query }, req.signal), [project, database, query.pod, query.container], query.previous),
  { role: "viewer", params: databaseParamsSchema, query: logsDownloadQuery },
);
