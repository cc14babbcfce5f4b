import { DATABASE_VERSIONS, isLarger, majorOf, updateDatabaseSchema, type DatabaseSpec } from "@/lib/schemas/database";
import type { DatabaseSummary } from "@/lib/dto/database";
import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { auditChange, type Acting } from "@/server/auth/audit";
import { databaseSpecOf, findDatabaseOrThrow, toDatabaseSummary } from "@/server/engine/databases/database-record";
import { ENGINES, imageOf } from "@/server/engine/databases/engines";
import { linkedAppsByDatabase } from "@/server/engine/databases/linked-apps";
import { toOperationRecord, type OperationRecord } from "@/server/engine/operations/operation-record";
import { refuseWhileDeleting, wakeQueue, writeOperation } from "@/server/engine/operations/enqueue-operation";

export interface DatabaseUpdate {
  database: DatabaseSummary;
  operation: OperationRecord | null;
  /** What the change does, as sentences (the pod restarts; the claim grows …). */
  effects: string[];
}

/**
 * Changes a database's size (grows only: a claim cannot shrink), version (within its major line
 * only: a new major needs the data dumped and restored) or NodePort, and queues the apply. The
 * answer says what the change will do.
 */
export async function updateDatabase(by: Acting, target: { project: string; database: string }, input: unknown): Promise<DatabaseUpdate> {
  const change = updateDatabaseSchema.parse(input);
  const result = await getDb().$transaction(async (tx) => {
    const row = await findDatabaseOrThrow(tx, target.project, target.database);
    await refuseWhileDeleting(tx, target.project, target.database);
    const before = databaseSpecOf(row);
    const after: DatabaseSpec = { ...before, ...change };
    const effects = [...sizeEffects(before, after), ...versionEffects(before, after), ...nodePortEffects(before, after)];
    if (effects.length === 0) return { row, operation: null, effects: ["Nothing changed."] };
    const updated = await tx.database.update({ where: { id: row.id }, data: { size: after.size, version: after.version, nodePort: after.nodePort } });
    const operation = await writeOperation(tx, by, { project: target.project, app: target.database, kind: "apply-database" });
    await auditChange(tx, by, "database.update", `${target.project}/${target.database}`, { ...change });
    return { row: updated, operation, effects };
  });
  if (result.operation) wakeQueue();
  const linked = (await linkedAppsByDatabase(getDb(), target.project)).get(target.database) ?? [];
  return {
    database: toDatabaseSummary(result.row, target.project, linked),
    operation: result.operation ? toOperationRecord(result.operation) : null,
    effects: result.effects,
  };
}

function sizeEffects(before: DatabaseSpec, after: DatabaseSpec): string[] {
  if (after.size === before.size) return [];
  if (!isLarger(after.size, before.size)) {
    throw new AppError({
      code: "invalid",
      message: `A database's volume can only grow: it has ${before.size}, and ${after.size} is not larger. To use less space, dump the data into a new, smaller database.`,
    });
  }
  return [`The volume grows from ${before.size} to ${after.size} (the storage class must allow expansion; the data stays).`];
}

function versionEffects(before: DatabaseSpec, after: DatabaseSpec): string[] {
  if (after.version === before.version) return [];
  const engine = ENGINES[before.engine];
  const versions = DATABASE_VERSIONS[before.engine];
  if (!versions.includes(after.version)) {
    throw new AppError({ code: "invalid", message: `${engine.label} offers version ${versions.join(" or ")}; "${after.version}" is not one of them.` });
  }
  if (majorOf(before.engine, after.version) !== majorOf(before.engine, before.version)) {
    throw new AppError({
      code: "invalid",
      message:
        `${engine.label} ${after.version} cannot open the data files of ${engine.label} ${before.version}: a major upgrade needs a dump and restore. ` +
        `Create a new ${after.version} database, dump this one into it (e.g. pg_dump | psql, mysqldump | mysql, mongodump/mongorestore), then point the apps at it.`,
    });
  }
  return [`The pod restarts on ${imageOf(before.engine, after.version)} and keeps its data.`];
}

function nodePortEffects(before: DatabaseSpec, after: DatabaseSpec): string[] {
  if (after.nodePort === before.nodePort) return [];
  return after.nodePort
    ? [`The database's port ${ENGINES[before.engine].port} opens on every node of the cluster (a NodePort): anyone who can reach a node can try its password.`]
    : ["The database is reachable only from inside the cluster again."];
}
