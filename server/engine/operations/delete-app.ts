import { getDb } from "@/server/db/client";
import { auditChange, type Acting } from "@/server/auth/audit";
import { findAppOrThrow } from "@/server/engine/model/app-record";
import { toOperationRecord, type OperationRecord } from "@/server/engine/operations/operation-record";
import { refuseWhileDeleting, supersedeQueuedDeploys, wakeQueue, writeOperation, type AppTarget } from "@/server/engine/operations/enqueue-operation";

/** Deletes the app's objects (PVCs only with `deleteData`), then its rows. */
export async function deleteApp(by: Acting, target: AppTarget & { deleteData?: boolean }): Promise<OperationRecord> {
  const deleteData = target.deleteData === true;
  const op = await getDb().$transaction(async (tx) => {
    await findAppOrThrow(tx, target.project, target.app);
    await refuseWhileDeleting(tx, target.project, target.app);
    await supersedeQueuedDeploys(tx, target.project, target.app);
    const created = await writeOperation(tx, by, { project: target.project, app: target.app, kind: "delete-app", payload: { deleteData } });
    await auditChange(tx, by, "app.delete", `${target.project}/${target.app}`, { deleteData });
    return created;
  });
  wakeQueue(target);
  return toOperationRecord(op);
}
