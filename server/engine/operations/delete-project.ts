import { projectDeleteSchema } from "@/lib/schemas/project";
import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { auditChange, type Acting } from "@/server/auth/audit";
import { toOperationRecord, type OperationRecord } from "@/server/engine/operations/operation-record";
import { refuseWhileDeleting, wakeQueue, writeOperation } from "@/server/engine/operations/enqueue-operation";

/**
 * Deletes a project: its Namespace (and so everything in it, data included), then its rows.
 * `confirm` must be the project's name, typed by the user.
 */
export async function deleteProject(by: Acting, target: { project: string; confirm: unknown }): Promise<OperationRecord> {
  const { confirm } = projectDeleteSchema.parse({ confirm: target.confirm });
  if (confirm !== target.project) {
    throw new AppError({ code: "invalid", message: `confirm: type the project's name ("${target.project}") to delete it and everything in it` });
  }
  const op = await getDb().$transaction(async (tx) => {
    const project = await tx.project.findUnique({ where: { name: target.project } });
    if (!project) throw new AppError({ code: "not_found", message: `There is no project "${target.project}".` });
    await refuseWhileDeleting(tx, target.project);
    const created = await writeOperation(tx, by, { project: target.project, kind: "delete-project" });
    await auditChange(tx, by, "project.delete", target.project);
    return created;
  });
  wakeQueue();
  return toOperationRecord(op);
}
