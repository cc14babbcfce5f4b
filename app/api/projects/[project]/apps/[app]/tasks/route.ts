import { taskListSchema } from "@/lib/dto/task";
import { taskSpecSchema } from "@/lib/schemas/task";
import { addTask } from "@/server/engine/model/add-task";
import { listTasks } from "@/server/engine/queries/list-task-runs";
import { appParamsSchema } from "@/server/http/project-api/route-schemas";
import { withAuth } from "@/server/http/with-auth";

/** The app's scheduled tasks, each with its schedule in words, next runs and last run. */
export const GET = withAuth(async ({ params }) => Response.json(taskListSchema.parse({ tasks: await listTasks(params.project, params.app) })), {
  role: "viewer",
  params: appParamsSchema,
});

/** Adds a task `{ name, schedule, command, timeZone?, … }`; its CronJob is created with the next deploy. */
export const POST = withAuth(
  async ({ params, body, principal, clientIp }) => {
    await addTask({ principal, ip: clientIp }, params.project, params.app, body);
    return Response.json(taskListSchema.parse({ tasks: await listTasks(params.project, params.app) }), { status: 201 });
  },
  { params: appParamsSchema, body: taskSpecSchema },
);
