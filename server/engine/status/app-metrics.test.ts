import { describe, expect, it } from "vitest";
import { createMetricsSampler, sumUsage } from "@/server/engine/status/app-metrics";
import type { PodMetrics, PodMetricsResult } from "@/server/kube/read-pod-metrics";

const pod = (name: string, ...usage: Array<[string, string]>): PodMetrics => ({
  name,
  labels: {},
  containers: usage.map(([cpu, memory], i) => ({ name: `c${i}`, usage: { cpu, memory } })),
});

/** A sampler over a fake metrics API and a hand-driven clock, counting reads. */
function harness(answers: (call: number) => PodMetricsResult) {
  let clock = 1_000_000;
  let reads = 0;
  const sampler = createMetricsSampler({ read: async () => answers(++reads), now: () => clock });
  return { sampler, advance: (ms: number) => (clock += ms), reads: () => reads };
}

describe("sumUsage", () => {
  it("adds every container of every pod, reading metrics-server's nanocore and Ki quantities", () => {
    const total = sumUsage([pod("a", ["12345678n", "48Mi"], ["250u", "1024Ki"]), pod("b", ["100m", "1Gi"])]);
    expect(total.cpuMillicores).toBeCloseTo(12.3 + 0.3 + 100, 1);
    expect(total.memoryBytes).toBe(48 * 2 ** 20 + 2 ** 20 + 2 ** 30);
  });
});

describe("createMetricsSampler", () => {
  it("reads at most once per 10 s per app, however often the page asks", async () => {
    const h = harness((n) => ({ available: true, pods: [pod("a", [`${n}m`, "1Mi"])] }));
    await h.sampler.sample("shop", "web");
    h.advance(9_999);
    const soon = await Promise.all([h.sampler.sample("shop", "web"), h.sampler.sample("shop", "web")]);
    expect(h.reads()).toBe(1);
    expect(soon[0].samples.map((s) => s.cpuMillicores)).toEqual([1]);

    await h.sampler.sample("shop", "api");
    expect(h.reads()).toBe(2);

    h.advance(1);
    const later = await h.sampler.sample("shop", "web");
    expect(h.reads()).toBe(3);
    expect(later.samples.map((s) => s.cpuMillicores)).toEqual([1, 3]);
    expect(new Date(later.samples[1].at).getTime() - new Date(later.samples[0].at).getTime()).toBe(10_000);
  });

  it("keeps only the last 30 samples, oldest first", async () => {
    const h = harness((n) => ({ available: true, pods: [pod("a", [`${n}m`, "1Mi"])] }));
    let last;
    for (let i = 0; i < 35; i++) {
      last = await h.sampler.sample("shop", "web");
      h.advance(10_000);
    }
    expect(last!.samples).toHaveLength(30);
    expect(last!.samples[0].cpuMillicores).toBe(6);
    expect(last!.samples[29].cpuMillicores).toBe(35);
  });

  it("answers available: false with the reason when the cluster has no metrics API, and drops old history", async () => {
    const h = harness((n) => (n === 1 ? { available: true, pods: [pod("a", ["5m", "1Mi"])] } : { available: false, message: "Metrics unavailable: the cluster has no metrics-server." }));
    expect((await h.sampler.sample("shop", "web")).samples).toHaveLength(1);
    h.advance(10_000);
    expect(await h.sampler.sample("shop", "web")).toEqual({ available: false, samples: [], message: "Metrics unavailable: the cluster has no metrics-server." });
  });

  it("records no false zero while no pod reports usage yet", async () => {
    const h = harness(() => ({ available: true, pods: [] }));
    const result = await h.sampler.sample("shop", "web");
    expect(result).toMatchObject({ available: true, samples: [], message: expect.stringMatching(/no pod/i) });
  });

  it("lets a failed read be retried at once instead of waiting out the interval", async () => {
    const h = harness((n) => {
      if (n === 1) throw new Error("connection refused");
      return { available: true, pods: [pod("a", ["7m", "1Mi"])] };
    });
    await expect(h.sampler.sample("shop", "web")).rejects.toThrow("connection refused");
    expect((await h.sampler.sample("shop", "web")).samples.map((s) => s.cpuMillicores)).toEqual([7]);
  });
});
