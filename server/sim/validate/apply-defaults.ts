/**
 * The defaults kube-apiserver fills in on write for the fields Berth and kubectl read back
 * (the defaults.go files under pkg/apis): replicas, rollout strategy, service ports and cluster IP, pod
 * policies. Only a subset — the ones whose absence a client would notice.
 */
import type { KubeObject } from "@/server/sim/contract";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

let nextClusterIp = 10;

function defaultPodSpec(spec: Any): void {
  if (!spec) return;
  spec.restartPolicy ??= "Always";
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= "ClusterFirst";
  spec.schedulerName ??= "default-scheduler";
  spec.securityContext ??= {};
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    if (!c || typeof c !== "object") continue;
    c.imagePullPolicy ??= typeof c.image === "string" && (c.image.endsWith(":latest") || !c.image.includes(":")) ? "Always" : "IfNotPresent";
    c.terminationMessagePath ??= "/dev/termination-log";
    c.terminationMessagePolicy ??= "File";
    c.resources ??= {};
    for (const p of c.ports ?? []) if (p && typeof p === "object") p.protocol ??= "TCP";
  }
}

export function applyDefaults(kindName: string, obj: KubeObject): void {
  const o = obj as Any;
  switch (kindName) {
    case "Namespace":
      o.spec ??= { finalizers: ["kubernetes"] };
      o.status = { phase: o.status?.phase ?? "Active" };
      o.metadata.labels = { ...(o.metadata.labels ?? {}), "kubernetes.io/metadata.name": o.metadata.name };
      break;
    case "Deployment":
      o.spec ??= {};
      o.spec.replicas ??= 1;
      o.spec.revisionHistoryLimit ??= 10;
      o.spec.progressDeadlineSeconds ??= 600;
      o.spec.strategy ??= { type: "RollingUpdate" };
      if (o.spec.strategy.type === "RollingUpdate") o.spec.strategy.rollingUpdate ??= { maxSurge: "25%", maxUnavailable: "25%" };
      defaultPodSpec(o.spec.template?.spec);
      break;
    case "ReplicaSet":
    case "StatefulSet":
      o.spec ??= {};
      o.spec.replicas ??= 1;
      defaultPodSpec(o.spec.template?.spec);
      break;
    case "DaemonSet":
    case "Job":
      defaultPodSpec(o.spec?.template?.spec);
      break;
    case "Pod":
      defaultPodSpec(o.spec);
      o.status ??= { phase: "Pending", qosClass: "BestEffort" };
      break;
    case "Service":
      o.spec ??= {};
      o.spec.type ??= "ClusterIP";
      o.spec.sessionAffinity ??= "None";
      if (o.spec.clusterIP !== "None") {
        o.spec.clusterIP ??= `10.43.${Math.floor(nextClusterIp / 250)}.${(nextClusterIp++ % 250) + 1}`;
        o.spec.clusterIPs ??= [o.spec.clusterIP];
      }
      for (const p of o.spec.ports ?? []) {
        p.protocol ??= "TCP";
        p.targetPort ??= p.port;
      }
      break;
    case "Secret":
      o.type ??= "Opaque";
      break;
    case "PersistentVolumeClaim":
      o.spec ??= {};
      o.spec.volumeMode ??= "Filesystem";
      o.status ??= { phase: "Pending" };
      break;
  }
}
