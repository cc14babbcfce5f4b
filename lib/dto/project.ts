import { z } from "zod";
import { appHealthSchema } from "@/lib/dto/app-status";
import { appListItemSchema } from "@/lib/dto/app";

/** A project as lists show it: its namespace name, app count and the health of its worst app. */
export const projectSummarySchema = z.object({
  name: z.string(),
  displayName: z.string().nullable(),
  /** The project's Namespace (the same as its name). */
  namespace: z.string(),
  appCount: z.number(),
  /** The worst health among its apps; Stopped when it has none running; null when the cluster could not be read. */
  health: appHealthSchema.nullable(),
  createdAt: z.string(),
});
export type ProjectSummary = z.infer<typeof projectSummarySchema>;

/** Answer of `GET /api/projects`. */
export const projectListSchema = z.object({ projects: z.array(projectSummarySchema) });
export type ProjectList = z.infer<typeof projectListSchema>;

/** Answer of `GET /api/projects/:project`: the summary plus its apps. */
export const projectDetailSchema = projectSummarySchema.extend({ apps: z.array(appListItemSchema) });
export type ProjectDetail = z.infer<typeof projectDetailSchema>;
