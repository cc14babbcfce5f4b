/**
 * The queue's runners for database operations (server/engine/operations/run-operation.ts hands
 * them "apply-database" and "delete-database"). The row is read when the operation runs, so a
 * retried or resumed apply renders the database as it is now.
 */
import type { Operation } from "@/server/db/generated/client";
import { applyDatabase, deleteDatabaseObjects } from "@/server/engine/databases/database-objects";
import { credentialsOf, databaseSpecOf } from "@/server/engine/databases/database-record";
import type { OperationContext } from "@/server/engine/operations/operation-queue";
import { clusterKubeConfig } from "@/server/kube/cluster";
import { endBackupSchedulesOf } from "@/server/engine/backups/end-backup-schedules";

export async function runApplyDatabase(op: Operation, ctx: OperationContext): Promise<void> {
  const row = await ctx.db.database.findFirst({ where: { name: op.appName ?? "", project: { name: op.projectName } } });
  if (!row) return; // deleted before its apply ran: nothing left to apply
  await applyDatabase(clusterKubeConfig(), { spec: databaseSpecOf(row), credentials: credentialsOf(row), claimSize: row.claimSize }, op.projectName, ctx.signal);
}

export async function runDeleteDatabase(op: Operation, ctx: OperationContext, deleteData: boolean): Promise<void> {
  if (!op.appName) return;
  await endBackupSchedulesOf(ctx.db, clusterKubeConfig(), op.projectName, { database: op.appName }, ctx.signal);
  await deleteDatabaseObjects(clusterKubeConfig(), { project: op.projectName, database: op.appName }, { deleteData, signal: ctx.signal });
  if (ctx.signal.aborted) return;
  await ctx.db.database.deleteMany({ where: { name: op.appName, project: { name: op.projectName } } });
}
