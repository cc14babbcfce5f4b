/**
 * A small Prometheus registry: counters, gauges (set, or read from a callback at scrape time)
 * and histograms, rendered in the text exposition format 0.0.4.
 * https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format
 *
 * Hand-written instead of prom-client: Berth needs five metrics, and a registry that lives in
 * processSingleton is shared by the custom server and Next's separately bundled route handlers.
 */

export type Labels = Record<string, string>;

interface Metric {
  name: string;
  help: string;
  type: "counter" | "gauge" | "histogram";
  render(): string[];
}

/** The label set as Prometheus prints it: `{a="x",b="y"}`, keys sorted, values escaped. */
function formatLabels(labels: Labels): string {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return "";
  const escape = (value: string) => value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
  return `{${keys.map((key) => `${key}="${escape(labels[key])}"`).join(",")}}`;
}

function formatNumber(value: number): string {
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return Number.isNaN(value) ? "NaN" : String(value);
}

export class Counter implements Metric {
  readonly type = "counter";
  private readonly values = new Map<string, { labels: Labels; value: number }>();

  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  inc(labels: Labels = {}, by = 1): void {
    const key = formatLabels(labels);
    const entry = this.values.get(key) ?? { labels, value: 0 };
    entry.value += by;
    this.values.set(key, entry);
  }

  get(labels: Labels = {}): number {
    return this.values.get(formatLabels(labels))?.value ?? 0;
  }

  render(): string[] {
    return [...this.values.entries()].map(([key, { value }]) => `${this.name}${key} ${formatNumber(value)}`);
  }
}

export class Gauge implements Metric {
  readonly type = "gauge";
  private value = 0;
  private source: (() => number) | undefined;

  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  set(value: number): void {
    this.value = value;
  }

  /** Reads the value from `source` at every scrape (e.g. the gateway's open socket count). */
  collectFrom(source: (() => number) | undefined): void {
    this.source = source;
  }

  get(): number {
    if (!this.source) return this.value;
    try {
      return this.source();
    } catch {
      return NaN;
    }
  }

  render(): string[] {
    return [`${this.name} ${formatNumber(this.get())}`];
  }
}

/** Prometheus client libraries' default buckets (seconds): a web request to a slow rollout. */
export const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class Histogram implements Metric {
  readonly type = "histogram";
  private readonly series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets: number[] = DEFAULT_BUCKETS,
  ) {}

  observe(value: number, labels: Labels = {}): void {
    const key = formatLabels(labels);
    const entry = this.series.get(key) ?? { labels, counts: this.buckets.map(() => 0), sum: 0, count: 0 };
    this.buckets.forEach((bound, i) => {
      if (value <= bound) entry.counts[i] += 1;
    });
    entry.sum += value;
    entry.count += 1;
    this.series.set(key, entry);
  }

  render(): string[] {
    const lines: string[] = [];
    for (const { labels, counts, sum, count } of this.series.values()) {
      this.buckets.forEach((bound, i) => lines.push(`${this.name}_bucket${formatLabels({ ...labels, le: formatNumber(bound) })} ${counts[i]}`));
      lines.push(`${this.name}_bucket${formatLabels({ ...labels, le: "+Inf" })} ${count}`);
      lines.push(`${this.name}_sum${formatLabels(labels)} ${formatNumber(sum)}`);
      lines.push(`${this.name}_count${formatLabels(labels)} ${count}`);
    }
    return lines;
  }
}

export class MetricRegistry {
  private readonly metrics: Metric[] = [];

  register<M extends Metric>(metric: M): M {
    if (this.metrics.some((m) => m.name === metric.name)) throw new Error(`Metric ${metric.name} is registered twice.`);
    this.metrics.push(metric);
    return metric;
  }

  /** The whole registry in the text format, ending with a newline as Prometheus expects. */
  render(): string {
    const lines = this.metrics.flatMap((metric) => [`# HELP ${metric.name} ${metric.help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n")}`, `# TYPE ${metric.name} ${metric.type}`, ...metric.render()]);
    return `${lines.join("\n")}\n`;
  }
}

export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
