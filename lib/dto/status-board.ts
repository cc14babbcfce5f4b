import { z } from "zod";
import { appStatusSchema } from "@/lib/dto/app-status";

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
  status: appStatusSchema.nullable(),
  /** Scheduled tasks whose last run failed. */
  failingTasks: z.array(taskFailureSchema),
});
export type StatusBoardEntry = z.infer<typeof statusBoardEntrySchema>;

/** Answer of `GET /api/status`: every app of every project. */
export const statusBoardSchema = z.object({ apps: z.array(statusBoardEntrySchema) });
export type StatusBoard = z.infer<typeof statusBoardSchema>;

/** Answer of `GET .../apps/:app/secret-env` (admin only, audited). */
export const secretEnvValuesSchema = z.object({ secretEnv: z.array(z.object({ name: z.string(), value: z.string() })) });
export type SecretEnvValues = z.infer<typeof secretEnvValuesSchema>;
