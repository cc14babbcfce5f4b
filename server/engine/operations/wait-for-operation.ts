import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { toOperationRecord, type OperationRecord } from "@/server/engine/operations/operation-record";
import { isFinished } from "@/server/engine/operations/operation-status";

/** The operation now; with `timeoutMs`, waits (polling the database) until it has finished or the time is up. */
export async function waitForOperation(id: string, timeoutMs = 0): Promise<OperationRecord> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await getDb().operation.findUnique({ where: { id } });
    if (!row) throw new AppError({ code: "not_found", message: `There is no operation ${id}.` });
    if (isFinished(row.status) || Date.now() >= deadline) return toOperationRecord(row);
    await new Promise((resolve) => setTimeout(resolve, Math.min(100, Math.max(1, deadline - Date.now()))));
  }
}
