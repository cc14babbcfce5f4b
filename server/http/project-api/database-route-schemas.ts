import { z } from "zod";
import { databaseNameSchema } from "@/lib/schemas/database";
import { projectParam } from "@/lib/schemas/route-params";
import { flag, waitQuerySchema } from "@/server/http/project-api/route-schemas";
import { waitForOperation } from "@/server/engine/operations/wait-for-operation";
import type { OperationRecord } from "@/server/engine/operations/operation-record";
import { WAIT_LIMIT_MS } from "@/server/http/project-api/respond-operation";

/** Path and query schemas of the database routes (shared by the handlers and the OpenAPI document). */
export const databaseParamsSchema = z.object({ project: projectParam, database: databaseNameSchema }).strict();

/** `DELETE …/databases/:database?deleteData=true&force=true`. */
export const deleteDatabaseQuerySchema = waitQuerySchema
  .extend({ deleteData: flag("also delete the database's volume and its data"), force: flag("delete even though apps link it") })
  .strict();

/** With `?wait=true`, the operation once finished (bounded by the same limit as app operations). */
export async function settled(operation: OperationRecord | null, wait: boolean): Promise<OperationRecord | null> {
  return operation && wait ? waitForOperation(operation.id, WAIT_LIMIT_MS) : operation;
}
