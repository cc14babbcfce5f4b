/**
 * A database or an app that is deleted takes its backup schedules along: each schedule row goes
 * and its CronJob is suspended. Left alone, the CronJob went on running against a workload that
 * was gone and failed every time, and the status page warned about backups of nothing.
 *
 * Suspended, not deleted, as when a schedule is removed (backup-objects.ts): the CronJob's Jobs
 * list the files kept on the project's backup volume, and those stay — a database made again
 * under the name, or an app deployed again with its kept volume, finds them.
 */
import type { KubeConfig } from "@kubernetes/client-node";
import type { BackupTarget } from "@/lib/schemas/backup";
import type { PrismaClient } from "@/server/db/generated/client";
import { applyBackupObjects } from "@/server/engine/backups/backup-objects";
import { findBackupSubject } from "@/server/engine/backups/find-backup-subject";
import { AppError } from "@/server/errors";

export type BackupOwner = { database: string } | { app: string };

/** The schedule rows of the owner's targets: the database's own, or every volume of the app (`web/…`). */
function scheduleRowsOf(owner: BackupOwner) {
  return "database" in owner ? { targetKind: "database", targetName: owner.database } : { targetKind: "volume", targetName: { startsWith: `${owner.app}/` } };
}

function targetOf(row: { targetKind: string; targetName: string }): BackupTarget {
  if (row.targetKind === "database") return { kind: "database", name: row.targetName };
  const [app, volume] = row.targetName.split("/");
  return { kind: "volume", app, volume };
}

/** Runs before the owner's row is deleted (its subject is read from it); safe to repeat. */
export async function endBackupSchedulesOf(db: PrismaClient, kubeConfig: KubeConfig, project: string, owner: BackupOwner, signal?: AbortSignal): Promise<void> {
  const rows = await db.backupSchedule.findMany({ where: { project: { name: project }, ...scheduleRowsOf(owner) } });
  for (const row of rows) {
    const subject = await findBackupSubject(db, project, targetOf(row)).catch((err: unknown) => {
      // A volume already gone from the app's spec has no subject left to suspend; its row still goes.
      if (err instanceof AppError && err.code === "not_found") return undefined;
      throw err;
    });
    if (subject) await applyBackupObjects(kubeConfig, subject, null, signal);
  }
  if (rows.length > 0) await db.backupSchedule.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
}
