/**
 * CPU and memory history per app, sampled on demand: each request for an app's metrics reads
 * metrics.k8s.io at most once per `minIntervalMs` for that app, so a history builds while someone
 * watches the Overview and nothing is polled for apps nobody looks at. Process-wide (the custom
 * server and every route bundle share one sampler). Known limit: history lives in memory and
 * starts empty after a restart.
 */
import type { AppMetrics, AppMetricsSample } from "@/lib/dto/app-metrics";
import { parseQuantity } from "@/lib/schemas/quantity";
import { LABEL_APP, LABEL_PROJECT } from "@/server/engine/render/labels";
import { clusterKubeConfig } from "@/server/kube/cluster";
import { readPodMetrics, type PodMetrics, type PodMetricsResult } from "@/server/kube/read-pod-metrics";
import { processSingleton } from "@/server/singleton";

export const MAX_SAMPLES = 30;
export const MIN_SAMPLE_INTERVAL_MS = 10_000;
/** Apps nobody asked about for this long are forgotten, so deleted apps do not pin memory. */
const FORGET_AFTER_MS = 15 * 60_000;

type ReadMetrics = (project: string, app: string) => Promise<PodMetricsResult>;

interface AppHistory {
  samples: AppMetricsSample[];
  lastReadAt: number;
  lastAskedAt: number;
  unavailable?: string;
  pending?: Promise<void>;
}

export interface MetricsSampler {
  /** The app's history, after taking a new sample if the last read is `minIntervalMs` old. */
  sample(project: string, app: string): Promise<AppMetrics>;
}

/** Total CPU (millicores) and memory (bytes) over every container of `pods`; unreadable quantities count as 0. */
export function sumUsage(pods: PodMetrics[]): { cpuMillicores: number; memoryBytes: number } {
  let cores = 0;
  let bytes = 0;
  for (const pod of pods) {
    for (const c of pod.containers) {
      cores += parseQuantity(c.usage.cpu ?? "") ?? 0;
      bytes += parseQuantity(c.usage.memory ?? "") ?? 0;
    }
  }
  return { cpuMillicores: Math.round(cores * 1000 * 10) / 10, memoryBytes: Math.round(bytes) };
}

export function createMetricsSampler(options: { read: ReadMetrics; now?: () => number; maxSamples?: number; minIntervalMs?: number }): MetricsSampler {
  const now = options.now ?? Date.now;
  const maxSamples = options.maxSamples ?? MAX_SAMPLES;
  const minIntervalMs = options.minIntervalMs ?? MIN_SAMPLE_INTERVAL_MS;
  const histories = new Map<string, AppHistory>();

  function forgetIdle(at: number) {
    for (const [key, h] of histories) if (at - h.lastAskedAt > FORGET_AFTER_MS && !h.pending) histories.delete(key);
  }

  async function read(history: AppHistory, project: string, app: string) {
    const result = await options.read(project, app);
    history.lastReadAt = now();
    if (!result.available) {
      history.unavailable = result.message;
      history.samples = [];
      return;
    }
    history.unavailable = undefined;
    // No pod reports usage yet (just started, or stopped): record nothing rather than a false zero.
    if (result.pods.length === 0) return;
    history.samples.push({ at: new Date(history.lastReadAt).toISOString(), ...sumUsage(result.pods) });
    if (history.samples.length > maxSamples) history.samples.splice(0, history.samples.length - maxSamples);
  }

  return {
    async sample(project, app) {
      const at = now();
      forgetIdle(at);
      const key = `${project}/${app}`;
      let history = histories.get(key);
      if (!history) {
        history = { samples: [], lastReadAt: -Infinity, lastAskedAt: at };
        histories.set(key, history);
      }
      history.lastAskedAt = at;
      if (!history.pending && at - history.lastReadAt >= minIntervalMs) {
        const h = history;
        h.pending = read(h, project, app).finally(() => (h.pending = undefined));
      }
      await history.pending;
      if (history.unavailable) return { available: false, samples: [], message: history.unavailable };
      const samples = [...history.samples];
      return samples.length > 0 ? { available: true, samples } : { available: true, samples, message: "No pod of this app reports usage yet." };
    },
  };
}

function readFromCluster(project: string, app: string): Promise<PodMetricsResult> {
  return readPodMetrics(clusterKubeConfig(), project, { [LABEL_PROJECT]: project, [LABEL_APP]: app });
}

const sampler = processSingleton("app-metrics", () => createMetricsSampler({ read: readFromCluster }));

/** The app's CPU and memory history from the process's one sampler (see the module comment). */
export function getAppMetrics(project: string, app: string): Promise<AppMetrics> {
  return sampler.sample(project, app);
}
