import { getDb } from "@/server/db/client";
import { toOperationRecord, type OperationRecord } from "@/server/engine/operations/operation-record";

/** Recent operations of a project (or one of its apps), newest first — what is queued, running or just failed. */
export async function listOperations(filter: { project: string; app?: string; limit?: number }): Promise<OperationRecord[]> {
  const rows = await getDb().operation.findMany({
    where: { projectName: filter.project, ...(filter.app ? { appName: filter.app } : {}) },
    orderBy: { createdAt: "desc" },
    take: Math.min(Math.max(filter.limit ?? 50, 1), 200),
  });
  return rows.map(toOperationRecord);
}
