import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { auditChange, type Acting } from "@/server/auth/audit";
import { findDatabaseOrThrow } from "@/server/engine/databases/database-record";
import { linkedAppsByDatabase } from "@/server/engine/databases/linked-apps";
import { toOperationRecord, type OperationRecord } from "@/server/engine/operations/operation-record";
import { refuseWhileDeleting, wakeQueue, writeOperation } from "@/server/engine/operations/enqueue-operation";

/**
 * Deletes a database's objects (its claim, and so its data, only with `deleteData`), then its
 * row. While apps link it the answer is a 409 naming them — their pods would lose their
 * connection string — unless `force` confirms.
 */
export async function deleteDatabase(
  by: Acting,
  target: { project: string; database: string; deleteData?: boolean; force?: boolean },
): Promise<OperationRecord> {
  const deleteData = target.deleteData === true;
  const op = await getDb().$transaction(async (tx) => {
    await findDatabaseOrThrow(tx, target.project, target.database);
    await refuseWhileDeleting(tx, target.project, target.database);
    const linked = (await linkedAppsByDatabase(tx, target.project)).get(target.database) ?? [];
    if (linked.length > 0 && target.force !== true) {
      throw new AppError({
        code: "conflict",
        message:
          `${linked.map((a) => `"${a}"`).join(", ")} ${linked.length === 1 ? "links" : "link"} database "${target.database}"; ` +
          "their pods would fail to start without its Secret. Remove the links first, or confirm with force=true.",
      });
    }
    const created = await writeOperation(tx, by, { project: target.project, app: target.database, kind: "delete-database", payload: { deleteData } });
    await auditChange(tx, by, "database.delete", `${target.project}/${target.database}`, { deleteData, linkedApps: linked });
    return created;
  });
  wakeQueue();
  return toOperationRecord(op);
}
