import { z } from "zod";
import { requiredOr, strictObject } from "@/lib/schemas/kube-validators";
import { taskSpecSchema } from "@/lib/schemas/task";

/**
 * Backups of a database or of an app volume: the schedule body, the file names a backup run
 * writes, and the typed confirmation of a restore. Shared by the routes, the engine and the
 * backup forms.
 */

/** What a backup is of: a database, or one volume of an app. */
export type BackupTarget = { kind: "database"; name: string } | { kind: "volume"; app: string; volume: string };

export const DEFAULT_BACKUP_KEEP = 7;
export const MAX_BACKUP_KEEP = 100;

/** Body of `PUT …/backups/schedule`: the same cron words and time zones as scheduled tasks. */
export const backupScheduleSchema = strictObject({
  schedule: taskSpecSchema.shape.schedule,
  timeZone: taskSpecSchema.shape.timeZone,
  keep: z
    .number({ error: requiredOr("expected how many backups to keep, a number from 1 to 100") })
    .int({ error: "expected a whole number of backups to keep" })
    .min(1, { error: `keep must be between 1 and ${MAX_BACKUP_KEEP}` })
    .max(MAX_BACKUP_KEEP, { error: `keep must be between 1 and ${MAX_BACKUP_KEEP}` })
    .default(DEFAULT_BACKUP_KEEP),
});
export type BackupScheduleInput = z.input<typeof backupScheduleSchema>;
export type BackupScheduleSpec = z.output<typeof backupScheduleSchema>;

/** The extensions backup files carry, by what wrote them. */
export const BACKUP_EXTENSIONS = ["dump", "sql", "rdb", "archive.gz", "tar.gz"] as const;
export type BackupExtension = (typeof BACKUP_EXTENSIONS)[number];

/** `<name>-<UTC time>.<ext>`, as the backup Job's finish step names a file. Nothing else is ever read from the backup volume. */
export const BACKUP_FILE_PATTERN = /^[a-z0-9-]+-\d{8}T\d{6}Z\.(dump|sql|rdb|archive\.gz|tar\.gz)$/;

/** A backup file in a path: checked against the pattern here, and against the listing by the engine. */
export const backupFileParam = z
  .string()
  .regex(BACKUP_FILE_PATTERN, { error: 'expected a backup file name such as "pg-20261201T030000Z.dump"' });

/** Body of `POST …/backups/:file/restore`: the target's name, typed (checked against it by the engine). */
export const restoreBackupSchema = strictObject({
  confirm: z.string({ error: requiredOr("expected the target's name, typed to confirm the restore") }).optional(),
});
