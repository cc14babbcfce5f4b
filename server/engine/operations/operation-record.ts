import type { Operation } from "@/server/db/generated/client";

/** What routes return for an operation: enough to poll it and explain a failure. */
export interface OperationRecord {
  id: string;
  kind: string;
  project: string;
  app: string | null;
  status: string;
  attempts: number;
  /** Why the last attempt failed (also set while a retry is pending). */
  error: string | null;
  revisionId: string | null;
  actor: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toOperationRecord(row: Operation): OperationRecord {
  return {
    id: row.id,
    kind: row.kind,
    project: row.projectName,
    app: row.appName,
    status: row.status,
    attempts: row.attempts,
    error: row.lastError,
    revisionId: row.revisionId,
    actor: row.actor,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
