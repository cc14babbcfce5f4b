import { taskRunSchema } from "@/lib/dto/task";
import { runTask } from "@/server/engine/operations/run-task";
import { summarizeTaskRun } from "@/server/engine/status/explain-task-run";
import { taskParamsSchema } from "@/server/http/project-api/route-schemas";
import { withAuth } from "@/server/http/with-auth";

/** "Run now": a Job from the task's CronJob, as `kubectl create job --from=cronjob/…` makes. */
export const POST = withAuth(
  async ({ params, principal, clientIp }) => {
    const job = await runTask({ principal, ip: clientIp }, params.project, params.app, params.task);
    return Response.json(taskRunSchema.parse(summarizeTaskRun({ job, pods: [], now: new Date() })), { status: 201 });
  },
  { params: taskParamsSchema },
);
