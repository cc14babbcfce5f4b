import { projectCreateSchema } from "@/lib/schemas/project";
import { projectListSchema, projectSummarySchema, type ProjectList } from "@/lib/dto/project";
import { createProject } from "@/server/engine/model/create-project";
import { listProjectSummaries } from "@/server/engine/queries/list-project-summaries";
import { toProjectSummary } from "@/server/engine/queries/project-views";
import { auditChange } from "@/server/http/project-api/respond-operation";
import { withAuth } from "@/server/http/with-auth";

/** Every project with its app count and the health of its worst app. */
export const GET = withAuth(async () => Response.json(projectListSchema.parse({ projects: await listProjectSummaries() } satisfies ProjectList)));

/** Creates a project; its Namespace appears with the first deploy of one of its apps. */
export const POST = withAuth(
  async ({ body, principal, clientIp }) => {
    const project = await createProject(body);
    await auditChange(principal, "project.create", project.name, clientIp);
    return Response.json(projectSummarySchema.parse(toProjectSummary(project, [], true)), { status: 201 });
  },
  { body: projectCreateSchema },
);
