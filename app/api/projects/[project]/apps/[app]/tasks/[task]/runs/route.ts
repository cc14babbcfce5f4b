import { taskRunListSchema } from "@/lib/dto/task";
import { listTaskRuns } from "@/server/engine/queries/list-task-runs";
import { taskParamsSchema } from "@/server/http/project-api/route-schemas";
import { withAuth } from "@/server/http/with-auth";

/** The task's runs the cluster still keeps, newest first: start, duration, outcome, exit code and pods for their logs. */
export const GET = withAuth(async ({ params }) => Response.json(taskRunListSchema.parse({ runs: await listTaskRuns(params.project, params.app, params.task) })), {
  role: "viewer",
  params: taskParamsSchema,
});
