import { z } from "zod";

/** Answer of `POST /api/import`: what the import created, and the secret values it left to be set. */
export const projectImportSchema = z.object({
  project: z.string(),
  apps: z.array(z.string()),
  databases: z.array(z.string()),
  registries: z.array(z.string()),
  /** Apps whose first deploy is queued; the others wait for their secret values. */
  deployed: z.array(z.string()),
  toSet: z.array(z.object({ resource: z.string(), what: z.string(), where: z.string() })),
  message: z.string(),
});
export type ProjectImportDto = z.infer<typeof projectImportSchema>;
