/**
 * metrics-server, simulated: every `intervalMs` it writes PodMetrics for running pods and a
 * NodeMetrics for the node (metrics.k8s.io/v1beta1), with usage that varies over time but is a
 * pure function of the pod, container and sample number, so tests can rely on plausible values.
 */
import type { KubeObject, SimController, SimStore } from "@/server/sim/contract";
import { fnv32a } from "@/server/sim/controllers/hash";
import { NODE_NAME, R, nowIso } from "@/server/sim/controllers/resources";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function usage(seed: string, sample: number): { cpuNano: number; memKi: number } {
  const base = fnv32a(seed);
  const wave = Math.sin((sample + (base % 17)) / 3);
  return { cpuNano: Math.round(((base % 40) + 2) * 1e6 * (1 + 0.4 * wave)), memKi: Math.round((((base >>> 8) % 120) + 8) * 1024 * (1 + 0.05 * wave)) };
}

function upsert(store: SimStore, ref: typeof R.podmetrics, obj: KubeObject): void {
  const existing = store.get(ref, obj.metadata.namespace, obj.metadata.name);
  if (existing) store.update(ref, { ...obj, metadata: { ...existing.metadata, labels: obj.metadata.labels } }, { checkResourceVersion: false });
  else store.create(ref, obj);
}

export function startMetricsController(store: SimStore, opts: { intervalMs: number }): SimController {
  let sample = 0;
  let timer: NodeJS.Timeout | undefined;
  const refresh = () => {
    sample++;
    const timestamp = nowIso();
    let cpu = 0;
    let mem = 0;
    const live = new Set<string>();
    for (const pod of store.list(R.pods)) {
      if ((pod.status as Obj | undefined)?.phase !== "Running") continue;
      const running = (((pod.status as Obj).containerStatuses ?? []) as Obj[]).filter((c) => c.state?.running);
      if (running.length === 0) continue;
      live.add(`${pod.metadata.namespace}/${pod.metadata.name}`);
      const containers = running.map((c) => {
        const u = usage(`${pod.metadata.uid}/${c.name}`, sample);
        cpu += u.cpuNano;
        mem += u.memKi;
        return { name: c.name, usage: { cpu: `${u.cpuNano}n`, memory: `${u.memKi}Ki` } };
      });
      upsert(store, R.podmetrics, { apiVersion: "metrics.k8s.io/v1beta1", kind: "PodMetrics", metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace, labels: pod.metadata.labels }, timestamp, window: "10.123s", containers });
    }
    for (const m of store.list(R.podmetrics)) if (!live.has(`${m.metadata.namespace}/${m.metadata.name}`)) store.delete(R.podmetrics, m.metadata.namespace, m.metadata.name);
    const sys = usage(NODE_NAME, sample);
    upsert(store, R.nodemetrics, { apiVersion: "metrics.k8s.io/v1beta1", kind: "NodeMetrics", metadata: { name: NODE_NAME, labels: { "kubernetes.io/hostname": NODE_NAME } }, timestamp, window: "20.05s", usage: { cpu: `${cpu + sys.cpuNano * 5}n`, memory: `${mem + sys.memKi * 8}Ki` } });
  };
  return {
    start() {
      refresh();
      timer = setInterval(refresh, opts.intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
    },
  };
}
