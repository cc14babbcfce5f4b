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
