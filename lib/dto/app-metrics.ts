import { z } from "zod";

/**
 * CPU and memory use of one app over the last few minutes, summed over its pods, from
 * metrics.k8s.io. The history is built on the server while someone watches the app, so it
 * starts empty and grows by one sample per ~10 s.
 */
export const appMetricsSampleSchema = z.object({
  /** ISO time Berth took the sample. */
  at: z.string(),
  /** Total CPU in thousandths of a core ("12m" is 12). */
  cpuMillicores: z.number(),
  memoryBytes: z.number(),
});
export type AppMetricsSample = z.infer<typeof appMetricsSampleSchema>;

export const appMetricsSchema = z.object({
  /** False when the cluster serves no metrics.k8s.io API (no metrics-server installed). */
  available: z.boolean(),
  /** Oldest first, at most 30. */
  samples: z.array(appMetricsSampleSchema),
  /** A sentence for the reader when there is nothing to draw. */
  message: z.string().optional(),
});
export type AppMetrics = z.infer<typeof appMetricsSchema>;
