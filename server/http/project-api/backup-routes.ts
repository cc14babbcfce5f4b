/**
 * The backups routes, built once for both kinds of target (a database, an app volume): each
 * route file under `…/databases/[database]/backups/**` and `…/apps/[app]/volumes/[volume]/backups/**`
 * exports one of these handlers. Thin: auth, parse, one call into server/engine, respond.
 */
import { z } from "zod";
import { backupFileParam, backupScheduleSchema, restoreBackupSchema, type BackupTarget } from "@/lib/schemas/backup";
import { backupRestoreResponseSchema, backupRunResponseSchema, backupViewSchema } from "@/lib/schemas/backup-view";
import { openBackupDownload } from "@/server/engine/backups/download-backup";
import { readBackups } from "@/server/engine/backups/read-backups";
import { removeBackupSchedule } from "@/server/engine/operations/remove-backup-schedule";
import { restoreBackup } from "@/server/engine/operations/restore-backup";
import { runBackup } from "@/server/engine/operations/run-backup";
import { setBackupSchedule } from "@/server/engine/operations/set-backup-schedule";
import { waitForOperation } from "@/server/engine/operations/wait-for-operation";
import { AppError } from "@/server/errors";
import { databaseParamsSchema } from "@/server/http/project-api/database-route-schemas";
import { WAIT_LIMIT_MS } from "@/server/http/project-api/respond-operation";
import { volumeParamsSchema } from "@/server/http/project-api/route-schemas";
import { withAuth } from "@/server/http/with-auth";
import type { OperationRecord } from "@/server/engine/operations/operation-record";

export const databaseBackupParamsSchema = databaseParamsSchema;
export const volumeBackupParamsSchema = volumeParamsSchema;
export const databaseBackupFileParamsSchema = databaseParamsSchema.extend({ file: backupFileParam }).strict();
export const volumeBackupFileParamsSchema = volumeParamsSchema.extend({ file: backupFileParam }).strict();

/** A target's path parameters once parsed: the project, the target's own names, the file for file routes. */
type TargetParams = { project: string } & Record<string, string>;

/** The schedule's apply has run (bounded wait): a failure is the API's sentence, not a silent 200. */
async function applied(operation: OperationRecord): Promise<void> {
  const done = await waitForOperation(operation.id, WAIT_LIMIT_MS);
  if (done.status === "failed") throw new AppError({ code: "cluster_unavailable", message: done.error ?? "The backup CronJob could not be applied." });
}

function backupRoutes(params: z.ZodType<TargetParams>, fileParams: z.ZodType<TargetParams>, targetOf: (p: TargetParams) => BackupTarget) {
  return {
    /** The target's schedule, kept files, runs and restores. */
    list: withAuth(async ({ params: p }) => Response.json(backupViewSchema.parse(await readBackups(p.project, targetOf(p)))), { role: "viewer", params }),

    /** Sets the schedule `{ schedule, timeZone?, keep? }` and applies the CronJob at once. */
    putSchedule: withAuth(
      async ({ params: p, body, principal, clientIp }) => {
        await applied(await setBackupSchedule({ principal, ip: clientIp }, p.project, targetOf(p), body));
        return Response.json(backupViewSchema.parse(await readBackups(p.project, targetOf(p))));
      },
      { params, body: backupScheduleSchema },
    ),

    /** Removes the schedule; the files stay. */
    deleteSchedule: withAuth(
      async ({ params: p, principal, clientIp }) => {
        await applied(await removeBackupSchedule({ principal, ip: clientIp }, p.project, targetOf(p)));
        return Response.json(backupViewSchema.parse(await readBackups(p.project, targetOf(p))));
      },
      { params },
    ),

    /** "Back up now". */
    run: withAuth(
      async ({ params: p, principal, clientIp }) => Response.json(backupRunResponseSchema.parse({ run: await runBackup({ principal, ip: clientIp }, p.project, targetOf(p)) }), { status: 201 }),
      { params },
    ),

    /** One backup file, streamed from the backup volume. Admin only: a dump holds all the data, more than a viewer may read. */
    download: withAuth(
      async ({ req, params: p }) => {
        const { body, sizeBytes } = await openBackupDownload(p.project, targetOf(p), p.file, req.signal);
        return new Response(body, {
          headers: {
            "Content-Type": "application/octet-stream",
            "Content-Disposition": `attachment; filename="${p.file}"`,
            "Content-Length": String(sizeBytes),
            "Cache-Control": "no-store",
          },
        });
      },
      { role: "admin", params: fileParams },
    ),

    /** Restores one file after the typed confirmation `{ confirm: <name> }`. */
    restore: withAuth(
      async ({ params: p, body, principal, clientIp }) =>
        Response.json(backupRestoreResponseSchema.parse({ restore: await restoreBackup({ principal, ip: clientIp }, p.project, targetOf(p), p.file, body) }), { status: 202 }),
      { params: fileParams, body: restoreBackupSchema.optional() },
    ),
  };
}

export const databaseBackupRoutes = backupRoutes(databaseBackupParamsSchema, databaseBackupFileParamsSchema, (p) => ({ kind: "database", name: p.database }));
export const volumeBackupRoutes = backupRoutes(volumeBackupParamsSchema, volumeBackupFileParamsSchema, (p) => ({ kind: "volume", app: p.app, volume: p.volume }));
