import { statusBoardSchema, type StatusBoardEntry } from "@/lib/dto/status-board";
import { listApps } from "@/server/engine/model/list-apps";
import { listProjects } from "@/server/engine/model/list-projects";
import { pvcName } from "@/server/engine/names";
import { listRevisions } from "@/server/engine/revisions";
import { getAppStatus } from "@/server/engine/status/app-status";
import { withAuth } from "@/server/http/with-auth";

/**
 * Every app of every project with its status, for the phone status page: one request instead
 * of one per app. Statuses come from the shared informer caches (no cluster call per app);
 * when the cluster cannot be read, each app still appears with `status: null`.
 */
export const GET = withAuth(async () => {
  const apps: StatusBoardEntry[] = [];
  for (const project of await listProjects()) {
    for (const app of await listApps(project.name)) {
      const [revisions, status] = await Promise.all([
        listRevisions(project.name, app.name),
        getAppStatus(project.name, app.name, {
          desiredReplicas: app.spec.replicas,
          expectedVolumes: app.spec.volumes.map((v) => pvcName(app.name, v.name)),
        }).catch(() => null),
      ]);
      apps.push({ project: project.name, app: app.name, image: app.spec.image, lastDeployAt: revisions[0]?.createdAt ?? null, status });
    }
  }
  return Response.json(statusBoardSchema.parse({ apps }));
});
