import { projectCreateSchema } from "@/lib/schemas/project";
import { projectListSchema, projectSummarySchema, type ProjectList } from "@/lib/dto/project";
import { createProject } from "@/server/engine/model/create-project";
import { listProjectSummaries } from "@/server/engine/queries/list-project-summaries";
import { toProjectSummary } from "@/server/engine/queries/project-views";
import { isVisibleTo } from "@/server/auth/access";
import { withAuth } from "@/server/http/with-auth";
import { clusterKubeConfig, isClusterConnected } from "@/server/kube/cluster";

/** Every project with its app count and the health of its worst app; a deploy token's scope only. */
export const GET = withAuth(
  async ({ principal }) =>
    Response.json(projectListSchema.parse({ projects: await listProjectSummaries((project, app) => isVisibleTo(principal, project, app)) } satisfies ProjectList)),
  { deployer: "lists-own-scope" },
);

/** Creates a project and, when a cluster is connected, its Namespace at once. */
export const POST = withAuth(
  async ({ body, principal, clientIp }) => {
    const project = await createProject({ principal, ip: clientIp }, body, isClusterConnected() ? clusterKubeConfig() : undefined);
    return Response.json(projectSummarySchema.parse(toProjectSummary(project, [], true)), { status: 201 });
  },
  { body: projectCreateSchema },
);
