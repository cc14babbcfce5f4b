/**
 * metrics.k8s.io/v1beta1 PodMetrics and NodeMetrics, read-only views computed from the store
 * (stored PodMetrics/NodeMetrics objects written by the metrics controller win when present).
 */
import type { KubeObject } from "@/server/sim/contract";
import type { MemoryStore } from "@/server/sim/store/memory-store";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

function usageFor(seed: string) {
  let h = 0;
  for (const ch of seed) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return { cpu: `${(h % 20) + 1}m`, memory: `${(h % 40) + 8}Mi` };
}

export function metricsObjects(store: MemoryStore, kind: string, namespace?: string): KubeObject[] {
  const stored = store.listRaw({ group: "metrics.k8s.io", version: "v1beta1", plural: kind === "PodMetrics" ? "pods" : "nodes" }, namespace);
  if (stored.length) return stored;
  const timestamp = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  if (kind === "NodeMetrics") {
    return store.listRaw({ group: "", version: "v1", plural: "nodes" }).map((n) => ({
      kind, apiVersion: "metrics.k8s.io/v1beta1", metadata: { name: n.metadata.name, labels: n.metadata.labels, creationTimestamp: timestamp }, timestamp, window: "10s", usage: { cpu: "250m", memory: "1024Mi" },
    }));
  }
  return store
    .listRaw({ group: "", version: "v1", plural: "pods" }, namespace)
    .filter((p) => (p.status as Any)?.phase === "Running")
    .map((p) => ({
      kind, apiVersion: "metrics.k8s.io/v1beta1", metadata: { name: p.metadata.name, namespace: p.metadata.namespace, labels: p.metadata.labels, creationTimestamp: timestamp }, timestamp, window: "10s",
      containers: ((p.spec as Any)?.containers ?? []).map((c: Any) => ({ name: c.name, usage: usageFor(`${p.metadata.name}/${c.name}`) })),
    }));
}
