import { z } from "zod";
import { appHealthSchema } from "@/lib/dto/app-status";
import { revisionOutcomeSchema } from "@/lib/dto/app";
import { databaseHealthSchema } from "@/lib/dto/database";

/**
 * What the status page shows of an app's live status: its health and sentence, ready pods,
 * restarts and URLs. Not the whole AppStatus — at 1,000 apps the pods and events of every
 * app made the board 2.3 MB; the app's own page reads those.
 */
export const boardStatusSchema = z.object({
  health: appHealthSchema,
  explanation: z.string().optional(),
  ready: z.number(),
  desired: z.number(),
  /** The current pods' restart counts added up (Kubernetes keeps no restart history). */
  restarts: z.number(),
  urls: z.array(z.string()),
});
export type BoardStatus = z.infer<typeof boardStatusSchema>;

/** A scheduled task of the app whose newest run failed. */
export const taskFailureSchema = z.object({
  task: z.string(),
  /** The failed run's Job. */
  run: z.string(),
  finishedAt: z.string().nullable(),
  /** Why, in a sentence. */
  message: z.string(),
});
export type TaskFailure = z.infer<typeof taskFailureSchema>;

/** One app on the status page: its live status plus what only the model knows. */
export const statusBoardEntrySchema = z.object({
  project: z.string(),
  app: z.string(),
  image: z.string(),
  /** When the newest revision was made; null when the app was never deployed. */
  lastDeployAt: z.string().nullable(),
  /** null when the cluster could not be read. */
  status: boardStatusSchema.nullable(),
  /** Scheduled tasks whose last run failed. */
  failingTasks: z.array(taskFailureSchema),
  /** A volume of the app whose backups are overdue, in a sentence; `/api/status` always sets it (null when none), the entries are built before it. */
  backupWarning: z.string().nullable().optional(),
});
export type StatusBoardEntry = z.infer<typeof statusBoardEntrySchema>;

/** One database on the status page: its health and sentence (null when the cluster could not be read). */
export const statusBoardDatabaseSchema = z.object({
  project: z.string(),
  database: z.string(),
  image: z.string(),
  status: z.object({ health: databaseHealthSchema, message: z.string() }).nullable(),
  /** Whether the database's backups are overdue, in a sentence; `/api/status` always sets it (null when fine). */
  backupWarning: z.string().nullable().optional(),
});
export type StatusBoardDatabase = z.infer<typeof statusBoardDatabaseSchema>;

/** One of the latest deploys across every app, for the overview: what, who, when and how it went. */
export const latestDeploySchema = z.object({
  project: z.string(),
  app: z.string(),
  /** The app's revision number. */
  number: z.number(),
  outcome: revisionOutcomeSchema,
  /** How it finished, or why it failed; while pending, how the rollout is going. */
  message: z.string().nullable(),
  /** Who deployed it (user name); null for Berth itself. */
  actor: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type LatestDeploy = z.infer<typeof latestDeploySchema>;

/**
 * Answer of `GET /api/status`: every app and every database of every project, and the latest
 * deploys (newest first, at most LATEST_DEPLOYS_SHOWN of lib/board-status.ts).
 */
export const statusBoardSchema = z.object({
  apps: z.array(statusBoardEntrySchema),
  databases: z.array(statusBoardDatabaseSchema).default([]),
  latestDeploys: z.array(latestDeploySchema).default([]),
});
export type StatusBoard = z.infer<typeof statusBoardSchema>;

/** Answer of `GET .../apps/:app/secret-env` (admin only, audited). */
export const secretEnvValuesSchema = z.object({ secretEnv: z.array(z.object({ name: z.string(), value: z.string() })) });
export type SecretEnvValues = z.infer<typeof secretEnvValuesSchema>;
