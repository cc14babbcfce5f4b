import { z } from "zod";
import { operationSchema } from "@/lib/dto/app";
import { TEMPLATE_PARAMETER_TYPES } from "@/lib/schemas/template";

/** A template as the "From template" list and its form see it: what it asks and what it makes. */
export const templateSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  icon: z.string(),
  website: z.string().optional(),
  parameters: z.array(
    z.object({
      name: z.string(),
      label: z.string(),
      description: z.string().optional(),
      type: z.enum(TEMPLATE_PARAMETER_TYPES),
      default: z.string().optional(),
      /** Left empty, a fresh random value is generated at install. */
      generated: z.boolean(),
      required: z.boolean(),
    }),
  ),
  /** The images of the apps and the engines of the databases it creates, for the list. */
  images: z.array(z.string()),
  engines: z.array(z.string()),
});
export type TemplateSummary = z.infer<typeof templateSummarySchema>;

/** Answer of `GET /api/templates`. */
export const templateListSchema = z.object({ templates: z.array(templateSummarySchema) });

/** Answer of `POST /api/projects/:project/templates/:template`. */
export const templateInstallSchema = z.object({
  template: z.string(),
  apps: z.array(z.string()),
  databases: z.array(z.string()),
  operations: z.array(operationSchema),
  /** What the install does beyond the obvious, in sentences (a database reusing a kept volume's credentials). */
  effects: z.array(z.string()),
});
export type TemplateInstall = z.infer<typeof templateInstallSchema>;
