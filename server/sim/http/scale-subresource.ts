/**
 * The autoscaling/v1 Scale view of deployments, replicasets and statefulsets (…/scale), which
 * `kubectl scale` and HPAs read and write.
 */
import type { KubeObject } from "@/server/sim/contract";
import type { KindDescriptor } from "@/server/sim/kinds/kind-registry";
import { badRequest } from "@/server/sim/http/status";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export function toScale(_kind: KindDescriptor, obj: KubeObject) {
  const o = obj as Any;
  const matchLabels: Record<string, string> = o.spec?.selector?.matchLabels ?? {};
  return {
    kind: "Scale",
    apiVersion: "autoscaling/v1",
    metadata: { name: obj.metadata.name, namespace: obj.metadata.namespace, uid: obj.metadata.uid, resourceVersion: obj.metadata.resourceVersion, creationTimestamp: obj.metadata.creationTimestamp },
    // ScaleSpec.replicas is omitempty: zero replicas is an empty spec.
    spec: o.spec?.replicas ? { replicas: o.spec.replicas } : {},
    status: { replicas: o.status?.replicas ?? 0, selector: Object.entries(matchLabels).map(([k, v]) => `${k}=${v}`).join(",") },
  };
}

/** Applies a Scale body to the owning object: only spec.replicas moves. */
export function fromScale(old: KubeObject, scale: unknown): KubeObject {
  const s = scale as Any;
  const replicas = s?.spec?.replicas ?? 0;
  if (typeof replicas !== "number" || !Number.isInteger(replicas)) {
    throw badRequest(`Scale in version "v1" cannot be handled as a Scale: json: cannot unmarshal ${typeof replicas} into Go struct field ScaleSpec.spec.replicas of type int32`);
  }
  const next = structuredClone(old) as Any;
  next.spec = { ...next.spec, replicas };
  if (s?.metadata?.resourceVersion) next.metadata.resourceVersion = s.metadata.resourceVersion;
  return next;
}
