import { taskPatchSchema } from "@/lib/schemas/task";
import { AppError } from "@/server/errors";
import type { Acting } from "@/server/auth/audit";
import { editAppSpec } from "@/server/engine/model/edit-app-spec";
import type { AppRecord } from "@/server/engine/model/app-record";

/** Changes some fields of a task (not its name; `null` clears a deadline); the CronJob follows with the next deploy. */
export async function updateTask(by: Acting, project: string, app: string, task: string, input: unknown): Promise<AppRecord> {
  const patch = taskPatchSchema.parse(input);
  return editAppSpec(by, project, app, {
    action: "app.task.update",
    detail: { task, fields: Object.keys(patch) },
    edit: (spec) => {
      if (!spec.tasks.some((t) => t.name === task)) throw new AppError({ code: "not_found", message: `App "${app}" has no task "${task}".` });
      const merged = (current: object) => Object.fromEntries(Object.entries({ ...current, ...patch }).filter(([, v]) => v !== null));
      return { ...spec, tasks: spec.tasks.map((t) => (t.name === task ? merged(t) : t)) };
    },
  });
}
