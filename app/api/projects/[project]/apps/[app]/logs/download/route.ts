import { z } from "zod";
import { logsDownloadQuery } from "@/lib/ws-protocol";
import { AppError } from "@/server/errors";
import { withAuth } from "@/server/http/with-auth";
import { getKubeConfig } from "@/server/kube/cluster";
import { downloadAppLog } from "@/server/kube/download-app-log";

const params = z.object({ project: z.string().regex(/^[a-z0-9-]{1,63}$/), app: z.string().regex(/^[a-z0-9-]{1,63}$/) }).strict();

/** The app's full log as a text file, streamed from the Kubernetes API. Viewers may download. */
export const GET = withAuth(
  async ({ req, params: { project, app }, query }) => {
    const kubeConfig = getKubeConfig();
    if (!kubeConfig) throw new AppError({ code: "cluster_unavailable", message: "No cluster is connected, so there is no log to download." });
    const body = await downloadAppLog(kubeConfig, { project, app, ...query }, req.signal);
    const name = [project, app, query.pod, query.container].filter(Boolean).join("-");
    return new Response(body, {
      headers: {
        "Content-Type": "text/plain; charset=utf-8",
        "Content-Disposition": `attachment; filename="${name}${query.previous ? "-previous" : ""}.log"`,
        "Cache-Control": "no-store",
      },
    });
  },
  { role: "viewer", params, query: logsDownloadQuery },
);
