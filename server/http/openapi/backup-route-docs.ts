import { z } from "zod";
import { backupScheduleSchema, restoreBackupSchema } from "@/lib/schemas/backup";
import { backupRestoreResponseSchema, backupRunResponseSchema, backupViewSchema } from "@/lib/schemas/backup-view";
import type { RouteDoc } from "@/server/http/openapi/route-docs";
import {
  databaseBackupFileParamsSchema,
  databaseBackupParamsSchema,
  volumeBackupFileParamsSchema,
  volumeBackupParamsSchema,
} from "@/server/http/project-api/backup-routes";

/** The same six routes for a target's backups, under its base path. */
function backupDocs(base: string, what: string, params: z.ZodType, fileParams: z.ZodType, tag: string): RouteDoc[] {
  const ok = { 200: { description: `The ${what}'s backups.`, schema: backupViewSchema } };
  return [
    { method: "GET", path: base, summary: `The ${what}'s backup schedule, kept files (newest first), runs and restores, and whether backups are overdue.`, tag, access: "viewer", params, responses: ok },
    { method: "PUT", path: `${base}/schedule`, summary: `Set the ${what}'s backup schedule (cron, time zone, files to keep 1–100); creates the backup volume and applies the CronJob at once.`, tag, access: "admin", params, body: backupScheduleSchema, responses: ok },
    { method: "DELETE", path: `${base}/schedule`, summary: `Remove the ${what}'s backup schedule; the files stay (the CronJob is suspended).`, tag, access: "admin", params, responses: ok },
    { method: "POST", path: `${base}/run`, summary: `Back up now: one run at once, with or without a schedule (409 while a backup or restore runs).`, tag, access: "admin", params, responses: { 201: { description: "Started; the run.", schema: backupRunResponseSchema } } },
    {
      method: "GET",
      path: `${base}/{file}`,
      summary: `Download one of the ${what}'s backup files, streamed from the backup volume (admin: it holds all the data).`,
      tag,
      access: "admin",
      params: fileParams,
      responses: { 200: { description: "The file, as an attachment.", schema: z.string(), mediaType: "application/octet-stream" } },
    },
    {
      method: "POST",
      path: `${base}/{file}/restore`,
      summary: `Restore one backup file into the ${what}, after typing its name in "confirm" (400 otherwise; 409 while a backup or restore runs).`,
      tag,
      access: "admin",
      params: fileParams,
      body: restoreBackupSchema,
      responses: { 202: { description: "Started; the restore.", schema: backupRestoreResponseSchema } },
    },
  ];
}

/** The backups routes' entries of the OpenAPI document (spread into ROUTE_DOCS). */
export const BACKUP_ROUTE_DOCS: RouteDoc[] = [
  ...backupDocs("/api/projects/{project}/databases/{database}/backups", "database", databaseBackupParamsSchema, databaseBackupFileParamsSchema, "databases"),
  ...backupDocs("/api/projects/{project}/apps/{app}/volumes/{volume}/backups", "app volume", volumeBackupParamsSchema, volumeBackupFileParamsSchema, "apps"),
];
