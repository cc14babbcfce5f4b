/**
 * Writes the scale bench's cluster straight into the simulated API server's store, as the
 * controllers would have left it after every rollout: per app a Deployment, its ReplicaSet, 10
 * Pods, a Service, and Events about the pods that are failing. The controllers stay off, so
 * the only changes afterwards are the bench's own.
 */
import type { KubeObject } from "@/server/sim/contract";
import type { MemoryStore } from "@/server/sim/store/memory-store";
import { PODS_PER_APP, scaleApps, type ScaleApp } from "@/bench/scale/scale-shape";

const NS = { group: "", version: "v1", plural: "namespaces" };
const DEPLOY = { group: "apps", version: "v1", plural: "deployments" };
const RS = { group: "apps", version: "v1", plural: "replicasets" };
const POD = { group: "", version: "v1", plural: "pods" };
const SVC = { group: "", version: "v1", plural: "services" };
const EVENT = { group: "", version: "v1", plural: "events" };
const HASH = "5d8f7c9b4";

const labelsOf = (a: ScaleApp) => ({ "app.kubernetes.io/managed-by": "berth", "berth.dev/project": a.project, "berth.dev/app": a.app });
const owner = (kind: string, o: KubeObject) => [{ apiVersion: "apps/v1", kind, name: o.metadata.name, uid: o.metadata.uid!, controller: true }];

function podStatus(a: ScaleApp, i: number, now: string) {
  const crashing = a.condition === "failed" || (a.condition === "degraded" && i === 0);
  const waiting = a.condition === "failed" ? { reason: "ImagePullBackOff", message: `Back-off pulling image "${a.image}"` } : { reason: "CrashLoopBackOff", message: "back-off 5m0s restarting failed container" };
  return {
    phase: a.condition === "failed" ? "Pending" : "Running",
    startTime: now,
    conditions: [{ type: "Ready", status: crashing ? "False" : "True", lastTransitionTime: now }],
    containerStatuses: [
      {
        name: a.app,
        image: a.image,
        imageID: "",
        ready: !crashing,
        started: !crashing,
        restartCount: crashing && a.condition === "degraded" ? 7 : 0,
        state: crashing ? { waiting } : { running: { startedAt: now } },
        lastState: {},
      },
    ],
  };
}

function seedApp(store: MemoryStore, a: ScaleApp, now: string): void {
  const labels = labelsOf(a);
  const ready = a.condition === "failed" ? 0 : a.condition === "degraded" ? PODS_PER_APP - 1 : PODS_PER_APP;
  const template = { metadata: { labels }, spec: { containers: [{ name: a.app, image: a.image, ports: [{ containerPort: 80 }] }] } };
  const deployment = store.create(DEPLOY, {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: a.app, namespace: a.project, labels, annotations: { "deployment.kubernetes.io/revision": "1" } },
    spec: { replicas: PODS_PER_APP, selector: { matchLabels: { "berth.dev/app": a.app } }, template },
    status: {
      observedGeneration: 1,
      replicas: PODS_PER_APP,
      updatedReplicas: PODS_PER_APP,
      readyReplicas: ready,
      availableReplicas: ready,
      unavailableReplicas: PODS_PER_APP - ready,
      conditions: [
        { type: "Available", status: ready > 0 ? "True" : "False", reason: ready > 0 ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable", lastUpdateTime: now, lastTransitionTime: now },
        { type: "Progressing", status: "True", reason: "NewReplicaSetAvailable", lastUpdateTime: now, lastTransitionTime: now },
      ],
    },
  } as KubeObject);
  const rsLabels = { ...labels, "pod-template-hash": HASH };
  const replicaSet = store.create(RS, {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name: `${a.app}-${HASH}`, namespace: a.project, labels: rsLabels, annotations: { "deployment.kubernetes.io/revision": "1" }, ownerReferences: owner("Deployment", deployment) },
    spec: { replicas: PODS_PER_APP, selector: { matchLabels: { "berth.dev/app": a.app, "pod-template-hash": HASH } }, template: { ...template, metadata: { labels: rsLabels } } },
    status: { replicas: PODS_PER_APP, readyReplicas: ready, availableReplicas: ready, observedGeneration: 1 },
  } as KubeObject);
  for (let i = 0; i < PODS_PER_APP; i++) {
    const pod = store.create(POD, {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: `${a.app}-${HASH}-p${i}`, namespace: a.project, labels: rsLabels, ownerReferences: [{ ...owner("ReplicaSet", replicaSet)[0] }] },
      spec: { containers: template.spec.containers, nodeName: "sim-node" },
      status: podStatus(a, i, now),
    } as KubeObject);
    if (pod.metadata.labels && (a.condition === "failed" || (a.condition === "degraded" && i === 0))) {
      const reason = a.condition === "failed" ? "Failed" : "BackOff";
      store.create(EVENT, {
        apiVersion: "v1",
        kind: "Event",
        metadata: { name: `${pod.metadata.name}.${reason.toLowerCase()}`, namespace: a.project },
        involvedObject: { apiVersion: "v1", kind: "Pod", name: pod.metadata.name, namespace: a.project, uid: pod.metadata.uid },
        type: "Warning",
        reason,
        message: a.condition === "failed" ? `Failed to pull image "${a.image}": not found` : "Back-off restarting failed container",
        count: 12,
        firstTimestamp: now,
        lastTimestamp: now,
        source: { component: "kubelet" },
      } as KubeObject);
    }
  }
  store.create(SVC, {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: a.app, namespace: a.project, labels },
    spec: { type: "ClusterIP", selector: { "berth.dev/app": a.app }, ports: [{ name: "http", port: 80, targetPort: 80, protocol: "TCP" }] },
  } as KubeObject);
}

/** Seeds every namespace and app object; returns how many pods it wrote. */
export function seedCluster(store: MemoryStore): number {
  const now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  const apps = scaleApps();
  for (const project of new Set(apps.map((a) => a.project))) {
    store.create(NS, { apiVersion: "v1", kind: "Namespace", metadata: { name: project, labels: { "app.kubernetes.io/managed-by": "berth", "kubernetes.io/metadata.name": project } }, status: { phase: "Active" } } as KubeObject);
  }
  for (const app of apps) seedApp(store, app, now);
  return apps.length * PODS_PER_APP;
}
