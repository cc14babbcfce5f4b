import { describe, expect, it } from "vitest";
import { Counter, Gauge, Histogram, MetricRegistry } from "@/server/metrics/metric-registry";

describe("the Prometheus text format", () => {
  it("prints HELP, TYPE and one line per label set, labels sorted and escaped", () => {
    const registry = new MetricRegistry();
    const counter = registry.register(new Counter("things_total", "Things.\nCounted."));
    counter.inc({ status: "200", route: "/a" });
    counter.inc({ route: "/a", status: "200" }, 2);
    counter.inc({ route: 'say "hi"\\', status: "500" });
    expect(registry.render()).toBe(
      [
        "# HELP things_total Things.\\nCounted.",
        "# TYPE things_total counter",
        'things_total{route="/a",status="200"} 3',
        'things_total{route="say \\"hi\\"\\\\",status="500"} 1',
        "",
      ].join("\n"),
    );
  });

  it("reads a gauge from its source at each scrape, NaN when the source throws", () => {
    const registry = new MetricRegistry();
    const gauge = registry.register(new Gauge("open", "Open things."));
    gauge.set(4);
    expect(registry.render()).toContain("\nopen 4\n");
    let n = 1;
    gauge.collectFrom(() => n);
    n = 7;
    expect(registry.render()).toContain("\nopen 7\n");
    gauge.collectFrom(() => {
      throw new Error("gone");
    });
    expect(registry.render()).toContain("\nopen NaN\n");
  });

  it("keeps histogram buckets cumulative with +Inf, sum and count", () => {
    const histogram = new Histogram("took_seconds", "Time.", [0.1, 1]);
    histogram.observe(0.05, { op: "x" });
    histogram.observe(0.5, { op: "x" });
    histogram.observe(3, { op: "x" });
    expect(histogram.render()).toEqual([
      'took_seconds_bucket{le="0.1",op="x"} 1',
      'took_seconds_bucket{le="1",op="x"} 2',
      'took_seconds_bucket{le="+Inf",op="x"} 3',
      'took_seconds_sum{op="x"} 3.55',
      'took_seconds_count{op="x"} 3',
    ]);
  });

  it("refuses the same metric name twice", () => {
    const registry = new MetricRegistry();
    registry.register(new Counter("a_total", "A."));
    expect(() => registry.register(new Gauge("a_total", "A again."))).toThrow(/registered twice/);
  });
});
