import { createDatabaseSchema, isLarger, resolveDatabaseSpec, type DatabaseSpec } from "@/lib/schemas/database";
import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { auditChange, type Acting } from "@/server/auth/audit";
import { sealCredentials, sealedNewCredentials, toDatabaseSummary } from "@/server/engine/databases/database-record";
import { refuseDerivedNameConflicts } from "@/server/engine/databases/derived-name-conflicts";
import { findKeptVolume, keptVolumeEffect, type KeptVolume } from "@/server/engine/databases/kept-volume";
import type { DatabaseSummary } from "@/lib/dto/database";
import { toOperationRecord, type OperationRecord } from "@/server/engine/operations/operation-record";
import { refuseWhileDeleting, wakeQueue, writeOperation, type Tx } from "@/server/engine/operations/enqueue-operation";
import { clusterKubeConfig } from "@/server/kube/cluster";

export interface DatabaseCreation {
  database: DatabaseSummary;
  operation: OperationRecord;
  /** What the create does beyond the obvious, in sentences (reusing a kept volume's credentials). */
  effects: string[];
}

/**
 * Creates a database and queues its first apply. Its name is unique among the project's apps
 * and databases, and none of the names it derives may be another's (they share the namespace).
 * Credentials are fresh unless the namespace keeps the volume of an earlier database of that
 * name: then they are the ones its data was initialised with (kept-volume.ts).
 */
export async function createDatabase(by: Acting, project: string, input: unknown): Promise<DatabaseCreation> {
  const spec = resolveDatabaseSpec(createDatabaseSchema.parse(input));
  const kept = await keptVolumeFor(project, spec);
  const result = await getDb().$transaction(async (tx) => {
    const owner = await tx.project.findUnique({ where: { name: project } });
    if (!owner) throw new AppError({ code: "not_found", message: `There is no project "${project}".` });
    await refuseWhileDeleting(tx, project);
    return insertDatabase(tx, by, { id: owner.id, name: project }, spec, kept);
  });
  wakeQueue();
  return { ...result, operation: toOperationRecord(result.operation) };
}

/**
 * The kept volume a new database would start on. None is looked for while the project still has
 * a database of that name: its claim is that database's own, and the transaction refuses the name.
 */
export async function keptVolumeFor(project: string, spec: DatabaseSpec): Promise<KeptVolume | undefined> {
  if (await getDb().database.findFirst({ where: { name: spec.name, project: { name: project } }, select: { id: true } })) return undefined;
  return findKeptVolume(clusterKubeConfig(), project, spec);
}

/**
 * The transaction's part of {@link createDatabase} (the caller looks up the kept volume before
 * the transaction and wakes the queue after), for an install that creates several resources at once.
 */
export async function insertDatabase(tx: Tx, by: Acting, project: { id: string; name: string }, requested: DatabaseSpec, kept: KeptVolume | undefined) {
  if (await tx.app.findFirst({ where: { projectId: project.id, name: requested.name }, select: { id: true } })) {
    throw new AppError({ code: "conflict", message: `Project "${project.name}" already has an app named "${requested.name}"; apps and databases share the namespace's Services, so pick another name.` });
  }
  if (await tx.database.findFirst({ where: { projectId: project.id, name: requested.name }, select: { id: true } })) {
    throw new AppError({ code: "conflict", message: `Project "${project.name}" already has a database named "${requested.name}" — pick another name.` });
  }
  await refuseDerivedNameConflicts(tx, project.id, { type: "database", name: requested.name });
  const effects = kept ? [keptVolumeEffect(kept)] : [];
  // A claim cannot shrink: a kept volume that has grown stays at its size.
  const spec = kept?.size && isLarger(kept.size, requested.size) ? { ...requested, size: kept.size } : requested;
  if (spec.size !== requested.size) effects.push(`The kept volume is ${spec.size}, more than the ${requested.size} asked for; the database uses it at ${spec.size}.`);
  const credentials = kept ? sealCredentials(kept.credentials) : sealedNewCredentials(spec.engine);
  const row = await tx.database.create({
    data: { projectId: project.id, name: spec.name, engine: spec.engine, version: spec.version, size: spec.size, claimSize: spec.size, nodePort: spec.nodePort, ...credentials },
  });
  const operation = await writeOperation(tx, by, { project: project.name, app: spec.name, kind: "apply-database" });
  await auditChange(tx, by, "database.create", `${project.name}/${spec.name}`, { engine: spec.engine, version: spec.version, size: spec.size, ...(kept ? { keptVolume: kept.claim } : {}) });
  return { database: toDatabaseSummary(row, project.name, []), operation, effects };
}
