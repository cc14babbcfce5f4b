import { AppError } from "@/server/errors";
import { waitForOperation } from "@/server/engine/operations/wait-for-operation";
import type { OperationRecord } from "@/server/engine/operations/operation-record";

/**
 * One operation of a project, now or (with `waitMs`) once it has finished or the time is up.
 * An operation of another project is not found: its id alone does not reveal it.
 */
export async function readOperation(project: string, id: string, waitMs = 0): Promise<OperationRecord> {
  const operation = await waitForOperation(id, waitMs);
  if (operation.project !== project) throw new AppError({ code: "not_found", message: `There is no operation ${id} in project "${project}".` });
  return operation;
}

/** The app an operation of `project` is about; null for a project-wide one, or none by that id there. */
export async function readOperationApp(project: string, id: string): Promise<string | null> {
  const operation = await waitForOperation(id).catch(() => null);
  return operation && operation.project === project ? operation.app : null;
}
