import { z } from "zod";
import { DATABASE_ENGINES } from "@/lib/schemas/database";
import { operationSchema } from "@/lib/dto/app";
import { eventSummarySchema, podSummarySchema, volumeStatusSchema } from "@/lib/dto/app-status";

/**
 * What the API and the pages show about a database. Never its password (only
 * `GET …/databases/:name/password`, admins, audited, returns that) and never a raw object.
 */
export const connectionInfoSchema = z.object({
  host: z.string(),
  port: z.number(),
  username: z.string(),
  database: z.string(),
  /** In the engine's scheme, the password shown as ********. */
  url: z.string(),
});

export const databaseHealthSchema = z.enum(["Healthy", "Progressing", "Failed", "Unknown"]);
export type DatabaseHealth = z.infer<typeof databaseHealthSchema>;

export const databaseStatusSchema = z.object({
  health: databaseHealthSchema,
  /** One sentence: what is wrong and what to do, or that it is ready. */
  message: z.string(),
  pods: z.array(podSummarySchema),
  volumes: z.array(volumeStatusSchema),
  events: z.array(eventSummarySchema),
});
export type DatabaseStatus = z.infer<typeof databaseStatusSchema>;

export const databaseSummarySchema = z.object({
  name: z.string(),
  project: z.string(),
  engine: z.enum(DATABASE_ENGINES),
  version: z.string(),
  image: z.string(),
  size: z.string(),
  nodePort: z.boolean(),
  connection: connectionInfoSchema,
  /** Apps of the project whose spec links this database. */
  linkedApps: z.array(z.string()),
  createdAt: z.string(),
});
export type DatabaseSummary = z.infer<typeof databaseSummarySchema>;

export const databaseDetailSchema = databaseSummarySchema.extend({ status: databaseStatusSchema.nullable() });
export type DatabaseDetail = z.infer<typeof databaseDetailSchema>;

export const databaseListSchema = z.object({ databases: z.array(databaseSummarySchema) });

export const databasePasswordSchema = z.object({ password: z.string(), url: z.string() });
export type DatabasePassword = z.infer<typeof databasePasswordSchema>;

/** The answer to a database change: the database as it is now and the operation that applies it (none when nothing changed). */
export const databaseChangeSchema = z.object({
  database: databaseSummarySchema,
  operation: operationSchema.nullable(),
  /** What the change does, in sentences. */
  effects: z.array(z.string()),
});
export type DatabaseChange = z.infer<typeof databaseChangeSchema>;
