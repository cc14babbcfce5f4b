/**
 * The defaults kube-apiserver fills in on write (the defaults.go files under pkg/apis), so
 * `kubectl get -o yaml` shows what a real cluster shows. The one place the simulation defines
 * them: the HTTP write path calls this before validating, and the controllers call it for the
 * objects they create (which on a real cluster also pass through the API server), so objects made
 * either way cannot drift apart. Only a subset — the fields whose absence a client would notice.
 * Cluster IPs are allocated values, not defaults: see http/allocate-cluster-ip.ts.
 */
import type { KubeObject } from "@/server/sim/contract";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Fills the defaults for `obj.kind` in place and returns the same object, for chaining. */
export function applyDefaults(obj: KubeObject): KubeObject {
  const o = obj as Obj;
  switch (o.kind) {
    case "Namespace":
      o.spec ??= {};
      o.spec.finalizers ??= ["kubernetes"];
      o.status = { phase: o.status?.phase ?? "Active" };
      o.metadata.labels = { ...(o.metadata.labels ?? {}), "kubernetes.io/metadata.name": o.metadata.name };
      break;
    case "Deployment":
      o.spec ??= {};
      o.spec.replicas ??= 1;
      o.spec.strategy ??= {};
      if ((o.spec.strategy.type ??= "RollingUpdate") === "RollingUpdate") {
        o.spec.strategy.rollingUpdate ??= {};
        o.spec.strategy.rollingUpdate.maxUnavailable ??= "25%";
        o.spec.strategy.rollingUpdate.maxSurge ??= "25%";
      }
      o.spec.revisionHistoryLimit ??= 10;
      o.spec.progressDeadlineSeconds ??= 600;
      defaultPodTemplate(o.spec.template);
      break;
    case "ReplicaSet":
      o.spec ??= {};
      o.spec.replicas ??= 1;
      defaultPodTemplate(o.spec.template);
      break;
    case "StatefulSet":
      o.spec ??= {};
      defaultStatefulSetSpec(o.spec);
      break;
    case "DaemonSet":
      defaultPodTemplate(o.spec?.template);
      break;
    case "Job":
      o.spec ??= {};
      defaultJobSpec(o.spec);
      break;
    case "CronJob":
      o.spec ??= {};
      o.spec.concurrencyPolicy ??= "Allow";
      o.spec.suspend ??= false;
      o.spec.successfulJobsHistoryLimit ??= 3;
      o.spec.failedJobsHistoryLimit ??= 1;
      o.spec.jobTemplate ??= {};
      o.spec.jobTemplate.spec ??= {};
      o.spec.jobTemplate.spec.backoffLimit ??= 6;
      defaultPodTemplate(o.spec.jobTemplate.spec.template);
      break;
    case "Pod":
      defaultPodSpec(o.spec);
      o.status ??= { phase: "Pending", qosClass: "BestEffort" };
      break;
    case "Service":
      o.spec ??= {};
      defaultServiceSpec(o.spec);
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
  return obj;
}

/** SetDefaults_StatefulSet: a partition of 0 only when the strategy came defaulted or as RollingUpdate. */
function defaultStatefulSetSpec(spec: Obj): void {
  spec.replicas ??= 1;
  spec.podManagementPolicy ??= "OrderedReady";
  spec.updateStrategy ??= {};
  if (!spec.updateStrategy.type) {
    spec.updateStrategy.type = "RollingUpdate";
    spec.updateStrategy.rollingUpdate ??= {};
  }
  if (spec.updateStrategy.type === "RollingUpdate" && spec.updateStrategy.rollingUpdate) spec.updateStrategy.rollingUpdate.partition ??= 0;
  spec.persistentVolumeClaimRetentionPolicy ??= {};
  spec.persistentVolumeClaimRetentionPolicy.whenDeleted ??= "Retain";
  spec.persistentVolumeClaimRetentionPolicy.whenScaled ??= "Retain";
  spec.revisionHistoryLimit ??= 10;
  defaultPodTemplate(spec.template);
  for (const claim of Array.isArray(spec.volumeClaimTemplates) ? spec.volumeClaimTemplates : []) {
    if (!claim || typeof claim !== "object") continue;
    claim.apiVersion ??= "v1";
    claim.kind ??= "PersistentVolumeClaim";
    claim.metadata ??= {};
    claim.metadata.creationTimestamp ??= null;
    claim.spec ??= {};
    claim.spec.volumeMode ??= "Filesystem";
    claim.status ??= { phase: "Pending" };
  }
}

/** Completions default only when parallelism is unset too: a parallelism-only Job is a work queue. */
function defaultJobSpec(spec: Obj): void {
  if (spec.completions === undefined && spec.parallelism === undefined) spec.completions = 1;
  spec.parallelism ??= 1;
  spec.backoffLimit ??= 6;
  spec.completionMode ??= "NonIndexed";
  spec.suspend ??= false;
  spec.podReplacementPolicy ??= "TerminatingOrFailed";
  defaultPodTemplate(spec.template);
}

function defaultServiceSpec(spec: Obj): void {
  spec.type ??= "ClusterIP";
  spec.sessionAffinity ??= "None";
  if (spec.type !== "ExternalName") {
    spec.internalTrafficPolicy ??= "Cluster";
    spec.ipFamilies ??= ["IPv4"];
    spec.ipFamilyPolicy ??= "SingleStack";
  }
  for (const p of spec.ports ?? []) {
    if (!p || typeof p !== "object") continue;
    p.protocol ??= "TCP";
    p.targetPort ??= p.port;
  }
}

/** Go serialises a template's zero creationTimestamp as null, and kubectl shows it. */
function defaultPodTemplate(template: Obj | undefined): void {
  if (!template || typeof template !== "object") return;
  template.metadata ??= {};
  template.metadata.creationTimestamp ??= null;
  template.spec ??= {};
  defaultPodSpec(template.spec);
}

function defaultPodSpec(spec: Obj | undefined): void {
  if (!spec || typeof spec !== "object") return;
  spec.restartPolicy ??= "Always";
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= "ClusterFirst";
  spec.schedulerName ??= "default-scheduler";
  spec.securityContext ??= {};
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    if (!c || typeof c !== "object") continue;
    c.imagePullPolicy ??= pullsAlways(c.image) ? "Always" : "IfNotPresent";
    c.terminationMessagePath ??= "/dev/termination-log";
    c.terminationMessagePolicy ??= "File";
    c.resources ??= {};
    for (const p of c.ports ?? []) if (p && typeof p === "object") p.protocol ??= "TCP";
    for (const probe of [c.readinessProbe, c.livenessProbe, c.startupProbe]) {
      if (!probe || typeof probe !== "object") continue;
      probe.timeoutSeconds ??= 1;
      probe.periodSeconds ??= 10;
      probe.successThreshold ??= 1;
      probe.failureThreshold ??= 3;
    }
  }
}

/** `:latest` or no tag at all (a registry port is not a tag; a digest pins the image). */
function pullsAlways(image: unknown): boolean {
  const ref = String(image ?? "");
  if (ref.includes("@")) return false;
  const tag = ref.split("/").pop()?.split(":")[1];
  return !tag || tag === "latest";
}
