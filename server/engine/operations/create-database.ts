import { createDatabaseSchema, resolveDatabaseSpec } from "@/lib/schemas/database";
import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { auditChange, type Acting } from "@/server/auth/audit";
import { sealedNewCredentials, toDatabaseSummary } from "@/server/engine/databases/database-record";
import type { DatabaseSummary } from "@/lib/dto/database";
import { toOperationRecord, type OperationRecord } from "@/server/engine/operations/operation-record";
import { refuseWhileDeleting, wakeQueue, writeOperation } from "@/server/engine/operations/enqueue-operation";

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
    if (await tx.app.findFirst({ where: { projectId: owner.id, name: spec.name }, select: { id: true } })) {
      throw new AppError({ code: "conflict", message: `Project "${project}" already has an app named "${spec.name}"; apps and databases share the namespace's Services, so pick another name.` });
    }
    if (await tx.database.findFirst({ where: { projectId: owner.id, name: spec.name }, select: { id: true } })) {
      throw new AppError({ code: "conflict", message: `Project "${project}" already has a database named "${spec.name}" — pick another name.` });
    }
    const row = await tx.database.create({
      data: { projectId: owner.id, name: spec.name, engine: spec.engine, version: spec.version, size: spec.size, claimSize: spec.size, nodePort: spec.nodePort, ...sealedNewCredentials(spec.engine) },
    });
    const operation = await writeOperation(tx, by, { project, app: spec.name, kind: "apply-database" });
    await auditChange(tx, by, "database.create", `${project}/${spec.name}`, { engine: spec.engine, version: spec.version, size: spec.size });
    return { database: toDatabaseSummary(row, project, []), operation };
  });
  wakeQueue();
  return { database: result.database, operation: toOperationRecord(result.operation) };
}
