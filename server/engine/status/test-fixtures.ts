import type { Deployment, ReplicaSet } from "kubernetes-types/apps/v1";
import type { ContainerStatus, Event, PersistentVolumeClaim, Pod } from "kubernetes-types/core/v1";

/**
 * Objects shaped as the API server (and the simulated cluster) returns them, for the status
 * unit tests. Each builder takes only what a test varies.
 */

export const NOW = new Date("2026-11-22T10:00:00Z");
const T0 = "2026-11-22T09:55:00Z";

export function deployment(opts: { replicas?: number; updated?: number; ready?: number; available?: number; generation?: number; observed?: number; statusReplicas?: number; progressing?: { status: "True" | "False"; reason: string; message?: string }; deadline?: number } = {}): Deployment {
  const replicas = opts.replicas ?? 1;
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "shop", uid: "dep-1", generation: opts.generation ?? 1, creationTimestamp: T0, labels: { "app.kubernetes.io/managed-by": "berth", "berth.dev/project": "shop", "berth.dev/app": "web" } },
    spec: { replicas, progressDeadlineSeconds: opts.deadline ?? 600, selector: { matchLabels: { "berth.dev/app": "web" } }, template: { spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } },
    status: {
      observedGeneration: opts.observed ?? opts.generation ?? 1,
      replicas: opts.statusReplicas ?? replicas,
      updatedReplicas: opts.updated ?? replicas,
      readyReplicas: opts.ready ?? replicas,
      availableReplicas: opts.available ?? replicas,
      conditions: [
        { type: "Available", status: (opts.available ?? replicas) >= replicas ? "True" : "False", reason: "MinimumReplicasAvailable", lastUpdateTime: T0, lastTransitionTime: T0 },
        { type: "Progressing", lastUpdateTime: T0, lastTransitionTime: T0, ...(opts.progressing ?? { status: "True", reason: "NewReplicaSetAvailable", message: 'ReplicaSet "web-7d9c5b8f4" has successfully progressed.' }) },
      ],
    },
  };
}

export function replicaSet(): ReplicaSet {
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name: "web-7d9c5b8f4", namespace: "shop", uid: "rs-1", annotations: { "deployment.kubernetes.io/revision": "1" }, ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: "dep-1", controller: true }] },
    spec: { replicas: 1, selector: { matchLabels: { "berth.dev/app": "web" } } },
    status: { replicas: 1 },
  };
}

export function pod(name: string, opts: { phase?: string; ready?: boolean; container?: Partial<ContainerStatus>; scheduled?: { reason: string; message: string }; image?: string; claim?: string; createdAt?: string; deleting?: boolean } = {}): Pod {
  const ready = opts.ready ?? true;
  const conditions = [
    { type: "Ready", status: ready ? "True" : "False", ...(ready ? {} : { reason: "ContainersNotReady", message: "containers with unready status: [web]" }) },
    opts.scheduled ? { type: "PodScheduled", status: "False", reason: opts.scheduled.reason, message: opts.scheduled.message } : { type: "PodScheduled", status: "True" },
  ];
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "shop", uid: `uid-${name}`, creationTimestamp: opts.createdAt ?? T0, labels: { "berth.dev/app": "web", "pod-template-hash": "7d9c5b8f4" }, ...(opts.deleting ? { deletionTimestamp: "2026-11-22T09:59:50Z" } : {}) },
    spec: {
      nodeName: opts.scheduled ? undefined : "berth-sim-node",
      containers: [{ name: "web", image: opts.image ?? "nginx:1.27" }],
      volumes: opts.claim ? [{ name: "data", persistentVolumeClaim: { claimName: opts.claim } }] : [],
    },
    status: {
      phase: opts.phase ?? "Running",
      conditions,
      containerStatuses: opts.scheduled
        ? undefined
        : [{ name: "web", image: `docker.io/library/${opts.image ?? "nginx:1.27"}`, imageID: "", ready, restartCount: 0, started: ready, state: { running: { startedAt: T0 } }, ...opts.container }],
    },
  };
}

export function pvc(name: string, opts: { phase?: string; accessModes?: string[]; storageClass?: string } = {}): PersistentVolumeClaim {
  return {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name, namespace: "shop", uid: `uid-${name}`, creationTimestamp: T0 },
    spec: { accessModes: opts.accessModes ?? ["ReadWriteOnce"], storageClassName: opts.storageClass ?? "local-path", resources: { requests: { storage: "1Gi" } } },
    status: opts.phase === "Bound" || opts.phase === undefined ? { phase: "Bound", accessModes: opts.accessModes ?? ["ReadWriteOnce"], capacity: { storage: "1Gi" } } : { phase: opts.phase },
  };
}

let n = 0;
export function event(kind: string, name: string, reason: string, message: string, opts: { type?: "Normal" | "Warning"; at?: string; count?: number; component?: string } = {}): Event {
  const at = opts.at ?? "2026-11-22T09:58:00Z";
  return {
    apiVersion: "v1",
    kind: "Event",
    metadata: { name: `${name}.${(++n).toString(16).padStart(16, "0")}`, namespace: "shop", creationTimestamp: at },
    involvedObject: { apiVersion: kind === "Pod" || kind === "PersistentVolumeClaim" ? "v1" : "apps/v1", kind, name, namespace: "shop", uid: `uid-${name}` },
    reason,
    message,
    type: opts.type ?? "Warning",
    count: opts.count ?? 1,
    firstTimestamp: at,
    lastTimestamp: at,
    source: { component: opts.component ?? "kubelet" },
  };
}
