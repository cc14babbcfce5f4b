import { projectCreateSchema } from "@/lib/schemas/project";
import { projectListSchema, projectSummarySchema, type ProjectList } from "@/lib/dto/project";
import { createProject } from "@/server/engine/model/create-project";
import { listProjectSummaries } from "@/server/engine/queries/list-project-summaries";
import { toProjectSummary } from "@/server/engine/queries/project-views";
import { withAuth } from "@/server/http/with-auth";
import { clusterKubeConfig, isClusterConnected } from "@/server/kube/cluster";

/** Every project with its app count and the health of its worst app. */
export const GET = withAuth(async () => Response.json(projectListSchema.parse({ projects: await listProjectSummaries() } satisfies ProjectList)));

/** Creates a project and, when a cluster is connected, its Namespace at once. */
export const POST = withAuth(
  async ({ body, principal, clientIp }) => {
    const project = await createProject({ principal, ip: clientIp }, body, isClusterConnected() ? clusterKubeConfig() : undefined);
    return Response.json(projectSummarySchema.parse(toProjectSummary(project, [], true)), { status: 201 });
  },
  { body: projectCreateSchema },
);
