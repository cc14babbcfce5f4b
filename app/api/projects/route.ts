import { projectCreateSchema } from "@/lib/schemas/project";
import { projectListSchema, projectSummarySchema, type ProjectList } from "@/lib/dto/project";
import { createProject } from "@/server/engine/model/create-project";
import { listApps } from "@/server/engine/model/list-apps";
import { listProjects } from "@/server/engine/model/list-projects";
import { healthOfApps, toAppListItems, toProjectSummary } from "@/server/http/project-api/app-views";
import { withAuth } from "@/server/http/with-auth";
import { clusterKubeConfig, isClusterConnected } from "@/server/kube/cluster";

/** Every project with its app count and the health of its worst app. */
export const GET = withAuth(async () => {
  const projects = await listProjects();
  const summaries = await Promise.all(
    projects.map(async (p) => {
      const apps = await listApps(p.name);
      const health = await healthOfApps(p.name, apps);
      return toProjectSummary(p, toAppListItems(apps, health), health !== null);
    }),
  );
  return Response.json(projectListSchema.parse({ projects: summaries } satisfies ProjectList));
});

/** Creates a project and, when a cluster is connected, its Namespace at once. */
export const POST = withAuth(
  async ({ body, principal, clientIp }) => {
    const project = await createProject({ principal, ip: clientIp }, body, isClusterConnected() ? clusterKubeConfig() : undefined);
    return Response.json(projectSummarySchema.parse(toProjectSummary(project, [], true)), { status: 201 });
  },
  { body: projectCreateSchema },
);
