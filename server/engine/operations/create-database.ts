import { createDatabaseSchema, resolveDatabaseSpec, type DatabaseSpec } from "@/lib/schemas/database";
import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { auditChange, type Acting } from "@/server/auth/audit";
import { refuseDerivedNameConflicts } from "@/server/engine/databases/derived-name-conflicts";
import { sealedNewCredentials, toDatabaseSummary } from "@/server/engine/databases/database-record";
import type { DatabaseSummary } from "@/lib/dto/database";
import { toOperationRecord, type OperationRecord } from "@/server/engine/operations/operation-record";
import { refuseWhileDeleting, wakeQueue, writeOperation, type Tx } from "@/server/engine/operations/enqueue-operation";

/**
 * Creates a database with fresh credentials and queues its first apply. Its name is unique among
 * the project's apps and databases: both make a Service of that name in the namespace.
 */
export async function createDatabase(by: Acting, project: string, input: unknown): Promise<{ database: DatabaseSummary; operation: OperationRecord }> {
  const spec = resolveDatabaseSpec(createDatabaseSchema.parse(input));
  const result = await getDb().$transaction(async (tx) => {
    const owner = await tx.project.findUnique({ where: { name: project } });
    if (!owner) throw new AppError({ code: "not_found", message: `There is no project "${project}".` });
    await refuseWhileDeleting(tx, project);
    return insertDatabase(tx, by, { id: owner.id, name: project }, spec);
  });
  wakeQueue();
  return { database: result.database, operation: toOperationRecord(result.operation) };
}

/** The transaction's part of {@link createDatabase} (the caller wakes the queue), for an install that creates several resources at once. */
export async function insertDatabase(tx: Tx, by: Acting, project: { id: string; name: string }, spec: DatabaseSpec) {
  if (await tx.app.findFirst({ where: { projectId: project.id, name: spec.name }, select: { id: true } })) {
    throw new AppError({ code: "conflict", message: `Project "${project.name}" already has an app named "${spec.name}"; apps and databases share the namespace's Services, so pick another name.` });
  }
  if (await tx.database.findFirst({ where: { projectId: project.id, name: spec.name }, select: { id: true } })) {
    throw new AppError({ code: "conflict", message: `Project "${project.name}" already has a database named "${spec.name}" — pick another name.` });
  }
  await refuseDerivedNameConflicts(tx, project.id, { type: "database", name: spec.name });
  const row = await tx.database.create({
    data: { projectId: project.id, name: spec.name, engine: spec.engine, version: spec.version, size: spec.size, claimSize: spec.size, nodePort: spec.nodePort, ...sealedNewCredentials(spec.engine) },
  });
  const operation = await writeOperation(tx, by, { project: project.name, app: spec.name, kind: "apply-database" });
  await auditChange(tx, by, "database.create", `${project.name}/${spec.name}`, { engine: spec.engine, version: spec.version, size: spec.size });
  return { database: toDatabaseSummary(row, project.name, []), operation };
}
