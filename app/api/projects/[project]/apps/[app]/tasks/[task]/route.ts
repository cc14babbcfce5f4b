import { taskListSchema, taskViewSchema } from "@/lib/dto/task";
import { taskPatchSchema } from "@/lib/schemas/task";
import { removeTask } from "@/server/engine/model/remove-task";
import { updateTask } from "@/server/engine/model/update-task";
import { listTasks, readTask } from "@/server/engine/queries/list-task-runs";
import { taskParamsSchema } from "@/server/http/project-api/route-schemas";
import { withAuth } from "@/server/http/with-auth";

/** One task with its schedule in words, next runs and last run. */
export const GET = withAuth(async ({ params }) => Response.json(taskViewSchema.parse(await readTask(params.project, params.app, params.task))), {
  role: "viewer",
  params: taskParamsSchema,
});

/** Changes some of a task's fields; the CronJob follows with the next deploy. */
export const PATCH = withAuth(
  async ({ params, body, principal, clientIp }) => {
    await updateTask({ principal, ip: clientIp }, params.project, params.app, params.task, body);
    return Response.json(taskViewSchema.parse(await readTask(params.project, params.app, params.task)));
  },
  { params: taskParamsSchema, body: taskPatchSchema },
);

/** Removes a task; the next deploy deletes its CronJob and runs. */
export const DELETE = withAuth(
  async ({ params, principal, clientIp }) => {
    await removeTask({ principal, ip: clientIp }, params.project, params.app, params.task);
    return Response.json(taskListSchema.parse({ tasks: await listTasks(params.project, params.app) }));
  },
  { params: taskParamsSchema },
);
