/**
 * Writes core/v1 Events the way the real recorders do: one Event per (object, reason, message,
 * source), named `<object>.<hex>`, and a repeat bumps `count` and `lastTimestamp` instead of
 * creating another (the client-go event correlator's aggregation, simplified).
 */
import type { KubeObject, SimStore } from "@/server/sim/contract";
import { hexId } from "@/server/sim/controllers/hash";
import { NODE_NAME, R, nowIso } from "@/server/sim/controllers/resources";

export type EventSource = "kubelet" | "default-scheduler" | "deployment-controller" | "replicaset-controller" | "job-controller" | "persistentvolume-controller" | "rancher.io/local-path_local-path-provisioner" | "endpoint-controller" | "cronjob-controller" | "statefulset-controller";

let sequence = 0;

export function recordEvent(store: SimStore, involved: KubeObject, type: "Normal" | "Warning", reason: string, message: string, component: EventSource, fieldPath?: string): void {
  const namespace = involved.metadata.namespace ?? "default";
  const now = nowIso();
  const same = store.list(R.events, namespace).find((e) => {
    const io = e.involvedObject as { uid?: string; fieldPath?: string };
    return io.uid === involved.metadata.uid && e.reason === reason && e.message === message && (e.source as { component?: string }).component === component && io.fieldPath === fieldPath;
  });
  try {
    if (same) {
      store.update(R.events, { ...same, count: ((same.count as number) ?? 1) + 1, lastTimestamp: now });
      return;
    }
    const name = `${involved.metadata.name}.${hexId(`${involved.metadata.uid}/${reason}/${message}/${++sequence}`, 16)}`;
    store.create(R.events, {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name, namespace },
      involvedObject: {
        apiVersion: involved.apiVersion,
        kind: involved.kind,
        name: involved.metadata.name,
        namespace: involved.metadata.namespace,
        uid: involved.metadata.uid,
        resourceVersion: involved.metadata.resourceVersion,
        ...(fieldPath ? { fieldPath } : {}),
      },
      reason,
      message,
      type,
      count: 1,
      firstTimestamp: now,
      lastTimestamp: now,
      eventTime: null,
      reportingComponent: component === "kubelet" ? "kubelet" : component,
      reportingInstance: component === "kubelet" ? NODE_NAME : "",
      source: component === "kubelet" ? { component, host: NODE_NAME } : { component },
    });
  } catch {
    // Events are best effort, as in a real cluster; a failed write must not break a controller.
  }
}
