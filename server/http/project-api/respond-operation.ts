import type { OperationAccepted } from "@/lib/dto/app";
import { operationAcceptedSchema } from "@/lib/dto/app";
import type { OperationRecord } from "@/server/engine/operations/operation-record";
import { waitForOperation } from "@/server/engine/operations/wait-for-operation";
import { getRevision, type RevisionRecord } from "@/server/engine/revisions";

/** How long `?wait=true` holds the request before answering 202 with the operation as it is. */
export const WAIT_LIMIT_MS = 60_000;

const FINISHED = new Set(["succeeded", "failed", "superseded"]);

/**
 * The answer to a mutation that queued work: 202 with the operation (and the revision it made)
 * while it runs; with `wait`, the same once it has finished (200), or 202 when it is still
 * running after {@link WAIT_LIMIT_MS}. The revision is re-read after waiting so its outcome
 * and message (the explanation of a failure) are current.
 */
export async function respondWithOperation(
  queued: { operation: OperationRecord; revision?: RevisionRecord | null },
  options: { wait: boolean; project: string; app?: string },
): Promise<Response> {
  let { operation, revision } = queued;
  if (options.wait) {
    operation = await waitForOperation(operation.id, WAIT_LIMIT_MS);
    if (revision && options.app) revision = await getRevision(options.project, options.app, revision.number).catch(() => revision);
  }
  const body: OperationAccepted = operationAcceptedSchema.parse({ operation, revision: revision ?? null });
  return Response.json(body, { status: FINISHED.has(operation.status) ? 200 : 202 });
}
