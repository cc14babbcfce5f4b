/**
 * The backup subject of a database or an app volume, read from Berth's model; AppError
 * not_found when the target does not exist. Also the key of its schedule row.
 */
import type { BackupTarget } from "@/lib/schemas/backup";
import type { Prisma, PrismaClient } from "@/server/db/generated/client";
import { AppError } from "@/server/errors";
import { databaseSubject, volumeSubject, type BackupSubject } from "@/server/engine/backups/backup-subject";
import { databaseSpecOf, findDatabaseOrThrow } from "@/server/engine/databases/database-record";
import { imageOf } from "@/server/engine/databases/engines";
import { appSpecOf, findAppOrThrow } from "@/server/engine/model/app-record";
import { selectorLabels } from "@/server/engine/render/labels";

type Db = PrismaClient | Prisma.TransactionClient;

/** Where the target's schedule row is: `("database", "pg")` or `("volume", "web/data")`. */
export function scheduleKey(target: BackupTarget): { targetKind: string; targetName: string } {
  return target.kind === "database" ? { targetKind: "database", targetName: target.name } : { targetKind: "volume", targetName: `${target.app}/${target.volume}` };
}

/** The Berth object the target belongs to, as operations name it (`appName` of an operation): the database or the app. */
export function ownerName(target: BackupTarget): string {
  return target.kind === "database" ? target.name : target.app;
}

export async function findBackupSubject(db: Db, project: string, target: BackupTarget): Promise<BackupSubject> {
  if (target.kind === "database") {
    const spec = databaseSpecOf(await findDatabaseOrThrow(db, project, target.name));
    return databaseSubject(project, { name: spec.name, engine: spec.engine, image: imageOf(spec.engine, spec.version) });
  }
  const app = appSpecOf(await findAppOrThrow(db, project, target.app));
  if (!app.volumes.some((v) => v.name === target.volume)) throw new AppError({ code: "not_found", message: `App "${target.app}" has no volume "${target.volume}".` });
  return volumeSubject(project, target.app, target.volume, selectorLabels(project, target.app));
}

/** The target's schedule row, if it has one. */
export async function findBackupSchedule(db: Db, project: string, target: BackupTarget) {
  return db.backupSchedule.findFirst({ where: { project: { name: project }, ...scheduleKey(target) } });
}

/** `pg` or `web/data` in audit targets; "Database "pg"" / "Volume "data" of app "web"" in sentences. */
export function describeBackupTarget(target: BackupTarget, isSentence = false): string {
  if (!isSentence) return target.kind === "database" ? target.name : `${target.app}/${target.volume}`;
  return target.kind === "database" ? `Database "${target.name}"` : `Volume "${target.volume}" of app "${target.app}"`;
}
