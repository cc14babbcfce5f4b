import { z } from "zod";
import { appStatusSchema } from "@/lib/dto/app-status";
import { databaseHealthSchema } from "@/lib/dto/database";

/** One app on the status page: its live status plus what only the model knows. */
export const statusBoardEntrySchema = z.object({
  project: z.string(),
  app: z.string(),
  image: z.string(),
  /** When the newest revision was made; null when the app was never deployed. */
  lastDeployAt: z.string().nullable(),
  /** null when the cluster could not be read. */
  status: appStatusSchema.nullable(),
});
export type StatusBoardEntry = z.infer<typeof statusBoardEntrySchema>;

/** One database on the status page: its health and sentence (null when the cluster could not be read). */
export const statusBoardDatabaseSchema = z.object({
  project: z.string(),
  database: z.string(),
  image: z.string(),
  status: z.object({ health: databaseHealthSchema, message: z.string() }).nullable(),
});
export type StatusBoardDatabase = z.infer<typeof statusBoardDatabaseSchema>;

/** Answer of `GET /api/status`: every app and every database of every project. */
export const statusBoardSchema = z.object({ apps: z.array(statusBoardEntrySchema), databases: z.array(statusBoardDatabaseSchema).default([]) });
export type StatusBoard = z.infer<typeof statusBoardSchema>;

/** Answer of `GET .../apps/:app/secret-env` (admin only, audited). */
export const secretEnvValuesSchema = z.object({ secretEnv: z.array(z.object({ name: z.string(), value: z.string() })) });
export type SecretEnvValues = z.infer<typeof secretEnvValuesSchema>;
