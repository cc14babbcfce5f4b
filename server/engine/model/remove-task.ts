import { AppError } from "@/server/errors";
import type { Acting } from "@/server/auth/audit";
import { editAppSpec } from "@/server/engine/model/edit-app-spec";
import type { AppRecord } from "@/server/engine/model/app-record";

/** Removes a task; the next deploy prunes its CronJob, and the CronJob's runs go with it. */
export async function removeTask(by: Acting, project: string, app: string, task: string): Promise<AppRecord> {
  return editAppSpec(by, project, app, {
    action: "app.task.remove",
    detail: { task },
    edit: (spec) => {
      const kept = spec.tasks.filter((t) => t.name !== task);
      if (kept.length === spec.tasks.length) throw new AppError({ code: "not_found", message: `App "${app}" has no task "${task}".` });
      return { ...spec, tasks: kept };
    },
  });
}
