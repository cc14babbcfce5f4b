import { taskSpecSchema, type TaskSpec } from "@/lib/schemas/task";
import { AppError } from "@/server/errors";
import type { Acting } from "@/server/auth/audit";
import { editAppSpec } from "@/server/engine/model/edit-app-spec";
import type { AppRecord } from "@/server/engine/model/app-record";

/** Adds a scheduled task; its CronJob is created with the next deploy. Body: a {@link TaskSpec}. */
export async function addTask(by: Acting, project: string, app: string, input: unknown): Promise<AppRecord> {
  const task: TaskSpec = taskSpecSchema.parse(input);
  return editAppSpec(by, project, app, {
    action: "app.task.add",
    detail: { task: task.name },
    edit: (spec) => {
      if (spec.tasks.some((t) => t.name === task.name)) {
        throw new AppError({ code: "conflict", message: `App "${app}" already has a task "${task.name}" — pick another name or edit that one.` });
      }
      return { ...spec, tasks: [...spec.tasks, task] };
    },
  });
}
