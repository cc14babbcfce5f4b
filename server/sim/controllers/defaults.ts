/**
 * The defaults the real API server fills in on create (pkg/apis/.../defaults.go), as a pure
 * function the API layer can call before storing, so `kubectl get -o yaml` shows what a real
 * cluster shows: strategy 25%/25%, revisionHistoryLimit 10, progressDeadlineSeconds 600,
 * terminationMessagePath, imagePullPolicy, restartPolicy, dnsPolicy, schedulerName, ….
 * Returns a new object; never mutates its input.
 */
import type { KubeObject } from "@/server/sim/contract";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function applyDefaults(input: KubeObject): KubeObject {
  const obj = structuredClone(input) as Obj;
  const spec = (obj.spec ??= {}) as Obj;
  switch (`${obj.apiVersion}/${obj.kind}`) {
    case "apps/v1/Deployment":
      spec.replicas ??= 1;
      spec.strategy ??= { type: "RollingUpdate" };
      if ((spec.strategy.type ??= "RollingUpdate") === "RollingUpdate") {
        spec.strategy.rollingUpdate ??= {};
        spec.strategy.rollingUpdate.maxUnavailable ??= "25%";
        spec.strategy.rollingUpdate.maxSurge ??= "25%";
      }
      spec.revisionHistoryLimit ??= 10;
      spec.progressDeadlineSeconds ??= 600;
      defaultPodTemplate(spec.template);
      break;
    case "apps/v1/ReplicaSet":
      spec.replicas ??= 1;
      defaultPodTemplate(spec.template);
      break;
    case "batch/v1/Job":
      spec.parallelism ??= 1;
      spec.completions ??= 1;
      spec.backoffLimit ??= 6;
      spec.completionMode ??= "NonIndexed";
      spec.suspend ??= false;
      spec.podReplacementPolicy ??= "TerminatingOrFailed";
      defaultPodTemplate(spec.template, "Never");
      break;
    case "batch/v1/CronJob":
      spec.concurrencyPolicy ??= "Allow";
      spec.suspend ??= false;
      spec.successfulJobsHistoryLimit ??= 3;
      spec.failedJobsHistoryLimit ??= 1;
      spec.jobTemplate ??= {};
      spec.jobTemplate.spec ??= {};
      spec.jobTemplate.spec.backoffLimit ??= 6;
      defaultPodTemplate(spec.jobTemplate.spec.template, "Never");
      break;
    case "v1/Pod":
      defaultPodSpec(spec);
      break;
    case "v1/Service":
      spec.type ??= "ClusterIP";
      spec.sessionAffinity ??= "None";
      spec.internalTrafficPolicy ??= "Cluster";
      spec.ipFamilies ??= ["IPv4"];
      spec.ipFamilyPolicy ??= "SingleStack";
      for (const p of spec.ports ?? []) {
        p.protocol ??= "TCP";
        p.targetPort ??= p.port;
      }
      break;
    case "v1/PersistentVolumeClaim":
      spec.volumeMode ??= "Filesystem";
      obj.status ??= { phase: "Pending" };
      break;
    case "v1/Namespace":
      spec.finalizers ??= ["kubernetes"];
      obj.status ??= { phase: "Active" };
      break;
    default:
      if (Object.keys(spec).length === 0 && input.spec === undefined) delete obj.spec;
  }
  return obj as KubeObject;
}

function defaultPodTemplate(template: Obj | undefined, restartPolicy = "Always"): void {
  if (!template) return;
  template.metadata ??= {};
  template.metadata.creationTimestamp ??= null;
  template.spec ??= {};
  template.spec.restartPolicy ??= restartPolicy;
  defaultPodSpec(template.spec);
}

function defaultPodSpec(spec: Obj): void {
  spec.restartPolicy ??= "Always";
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= "ClusterFirst";
  spec.securityContext ??= {};
  spec.schedulerName ??= "default-scheduler";
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    c.terminationMessagePath ??= "/dev/termination-log";
    c.terminationMessagePolicy ??= "File";
    const tag = String(c.image ?? "").split("/").pop()?.split(":")[1];
    c.imagePullPolicy ??= !tag || tag === "latest" ? "Always" : "IfNotPresent";
    c.resources ??= {};
    for (const p of c.ports ?? []) p.protocol ??= "TCP";
    for (const probe of [c.readinessProbe, c.livenessProbe, c.startupProbe]) {
      if (!probe) continue;
      probe.timeoutSeconds ??= 1;
      probe.periodSeconds ??= 10;
      probe.successThreshold ??= 1;
      probe.failureThreshold ??= 3;
    }
  }
}
