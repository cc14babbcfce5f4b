import { z } from "zod";

/**
 * What the backups routes answer (docs: the backups REST contract). The same shapes for a
 * database and an app volume.
 */

const outcome = z.enum(["running", "succeeded", "failed"]);

export const backupRunSchema = z.object({
  /** The Job's name. */
  name: z.string(),
  trigger: z.enum(["schedule", "manual"]),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  outcome,
  /** Why it failed, in a sentence. */
  message: z.string().nullable(),
});
export type BackupRun = z.infer<typeof backupRunSchema>;

export const backupRestoreSchema = z.object({
  name: z.string(),
  file: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  outcome,
  message: z.string().nullable(),
});
export type BackupRestore = z.infer<typeof backupRestoreSchema>;

export const backupFileSchema = z.object({ file: z.string(), sizeBytes: z.number(), takenAt: z.string() });
export type BackupFile = z.infer<typeof backupFileSchema>;

export const backupScheduleViewSchema = z.object({
  schedule: z.string(),
  timeZone: z.string(),
  keep: z.number(),
  description: z.string(),
  nextRuns: z.array(z.string()),
  /** The CronJob is in the cluster with this schedule. */
  isDeployed: z.boolean(),
});

export const backupViewSchema = z.object({
  target: z.object({ kind: z.enum(["database", "volume"]), name: z.string() }),
  schedule: backupScheduleViewSchema.nullable(),
  volume: z.object({ claim: z.string(), phase: z.enum(["Bound", "Pending", "Lost"]).nullable() }),
  /** Newest first. */
  backups: z.array(backupFileSchema),
  /** Newest first. */
  runs: z.array(backupRunSchema),
  restores: z.array(backupRestoreSchema),
  lastSuccessAt: z.string().nullable(),
  warning: z.string().nullable(),
  consistency: z.string().nullable(),
});
export type BackupView = z.infer<typeof backupViewSchema>;

/** `POST …/backups/run` answers `{ run }`. */
export const backupRunResponseSchema = z.object({ run: backupRunSchema });
/** `POST …/backups/:file/restore` answers `{ restore }`. */
export const backupRestoreResponseSchema = z.object({ restore: backupRestoreSchema });
