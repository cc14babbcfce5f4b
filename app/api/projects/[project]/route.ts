import { projectDetailSchema, projectSummarySchema } from "@/lib/dto/project";
import { projectDeleteSchema, projectUpdateSchema } from "@/lib/schemas/project";
import { updateProject } from "@/server/engine/model/update-project";
import { deleteProject } from "@/server/engine/operations/delete-project";
import { readProject, readProjectSummary } from "@/server/engine/queries/read-project";
import { respondWithOperation } from "@/server/http/project-api/respond-operation";
import { projectParamsSchema, waitQuerySchema } from "@/server/http/project-api/route-schemas";
import { withAuth } from "@/server/http/with-auth";

/** One project with its apps and their health. */
export const GET = withAuth(
  async ({ params }) => Response.json(projectDetailSchema.parse(await readProject(params.project))),
  { params: projectParamsSchema },
);

/** Changes the display name, `{ "displayName": "…" }` (the name is the namespace and never changes). */
export const PATCH = withAuth(
  async ({ params, body, principal, clientIp }) => {
    const project = await updateProject({ principal, ip: clientIp }, params.project, body);
    return Response.json(projectSummarySchema.parse(await readProjectSummary(project.name)));
  },
  { params: projectParamsSchema, body: projectUpdateSchema },
);

/** Deletes the project, its Namespace and everything in it; the body must be `{ "confirm": "<name>" }`. */
export const DELETE = withAuth(
  async ({ params, body, query, principal, clientIp }) => {
    const operation = await deleteProject({ principal, ip: clientIp }, { project: params.project, confirm: body.confirm });
    return respondWithOperation({ operation }, { wait: query.wait, project: params.project });
  },
  { params: projectParamsSchema, body: projectDeleteSchema, query: waitQuerySchema },
);
