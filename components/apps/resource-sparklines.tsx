"use client";

import { errorMessage } from "@/lib/api-client";
import type { AppMetricsSample } from "@/lib/dto/app-metrics";
import { formatBytes, formatCpu, sparklinePoints } from "@/lib/format-usage";
import { useAppMetrics } from "@/lib/queries/app-metrics";

const WIDTH = 96;
const HEIGHT = 24;

/**
 * CPU and memory of the app over the last few minutes (summed over its pods), as two small
 * sparklines with the current value in words. A cluster without metrics-server gets one line
 * saying so instead.
 */
export function ResourceSparklines({ project, app }: { project: string; app: string }) {
  const metrics = useAppMetrics(project, app);
  if (metrics.isPending) return <p className="text-sm text-fg-muted">Reading CPU and memory…</p>;
  if (metrics.isError) return <p className="text-sm text-fg-muted">CPU and memory could not be read: {errorMessage(metrics.error)}</p>;
  const { available, samples, message } = metrics.data;
  if (!available) return <p className="text-sm text-fg-muted" data-testid="metrics-unavailable">{message ?? "Metrics unavailable: the cluster has no metrics-server."}</p>;
  if (samples.length === 0) return <p className="text-sm text-fg-muted">{message ?? "No usage reported yet."}</p>;
  return (
    <div className="flex flex-wrap gap-x-8 gap-y-3" data-testid="resource-sparklines">
      <Sparkline label="CPU" samples={samples} value={(s) => s.cpuMillicores} format={formatCpu} />
      <Sparkline label="Memory" samples={samples} value={(s) => s.memoryBytes} format={formatBytes} />
    </div>
  );
}

function Sparkline({ label, samples, value, format }: { label: string; samples: AppMetricsSample[]; value: (s: AppMetricsSample) => number; format: (n: number) => string }) {
  const values = samples.map(value);
  const current = format(values[values.length - 1]);
  const minutes = Math.max(1, Math.round((Date.parse(samples[samples.length - 1].at) - Date.parse(samples[0].at)) / 60_000));
  const description =
    values.length > 1
      ? `${label} over the last ${minutes} minute${minutes === 1 ? "" : "s"}: from ${format(Math.min(...values))} to ${format(Math.max(...values))}, now ${current}`
      : `${label} now ${current}`;
  return (
    <div className="flex items-center gap-3">
      <span className="min-w-28 text-sm tabular-nums">
        {label} <span className="font-medium">{current}</span>
      </span>
      <svg role="img" aria-label={description} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} className="overflow-visible text-accent">
        <polyline points={sparklinePoints(values, WIDTH, HEIGHT)} fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinejoin="round" strokeLinecap="round" />
      </svg>
    </div>
  );
}
