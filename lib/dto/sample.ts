import { z } from "zod";
import { operationSchema } from "@/lib/dto/app";

/** The sample's project name, which the overview checks to stop offering a sample that is there. */
export const SAMPLE_PROJECT_NAME = "sample";

/** Answer of `POST /api/demo/sample`: 201 when the sample was loaded now, 200 when it was already there. */
export const sampleLoadSchema = z.object({
  project: z.string(),
  apps: z.array(z.string()),
  created: z.boolean(),
  /** What happened, in a sentence the overview shows as it is. */
  message: z.string(),
  operations: z.array(operationSchema),
});
export type SampleLoad = z.infer<typeof sampleLoadSchema>;
