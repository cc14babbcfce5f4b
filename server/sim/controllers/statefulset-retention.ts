/**
 * persistentVolumeClaimRetentionPolicy as the real controller applies it
 * (updateClaimOwnerRefForSetAndPod): claims are never deleted by the controller itself; a
 * `whenDeleted: Delete` claim gets an ownerReference to the StatefulSet and a `whenScaled:
 * Delete` claim of a pod outside the ordinal range one to its pod, so the garbage collector
 * removes the claim with its owner. With the default Retain/Retain a claim has neither and
 * outlives both scale-down and the set.
 * https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#persistentvolumeclaim-retention
 */
import type { KubeObject, SimStore } from "@/server/sim/contract";
import { stableStringify } from "@/server/sim/controllers/hash";
import { R, clone } from "@/server/sim/controllers/resources";
import { claimName, claimTemplates, ordinalOf } from "@/server/sim/controllers/statefulset-identity";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type OwnerRef = NonNullable<KubeObject["metadata"]["ownerReferences"]>[number];

const refTo = (owner: KubeObject): OwnerRef => ({ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid ?? "" });

export function inOrdinalRange(sts: KubeObject, ordinal: number): boolean {
  const spec = sts.spec as Obj;
  const start = (spec.ordinals?.start ?? 0) as number;
  return ordinal >= start && ordinal < start + ((spec.replicas ?? 1) as number);
}

/** Brings the ownerReferences of every pod's claims in line with the policy. */
export function syncClaimOwners(store: SimStore, sts: KubeObject, pods: KubeObject[]): void {
  const policy = ((sts.spec as Obj).persistentVolumeClaimRetentionPolicy ?? {}) as Obj;
  for (const pod of pods) {
    const ordinal = ordinalOf(sts, pod);
    if (ordinal === undefined || pod.metadata.deletionTimestamp) continue;
    const scaledDown = !inOrdinalRange(sts, ordinal);
    const ownedByPod = policy.whenScaled === "Delete" && scaledDown;
    const ownedBySet = policy.whenDeleted === "Delete" && !ownedByPod;
    for (const template of claimTemplates(sts)) {
      const claim = store.get(R.pvcs, sts.metadata.namespace, claimName(sts, template, ordinal));
      if (!claim || claim.metadata.deletionTimestamp) continue;
      const others = (claim.metadata.ownerReferences ?? []).filter((r) => r.uid !== sts.metadata.uid && r.uid !== pod.metadata.uid);
      const refs = [...others, ...(ownedBySet ? [refTo(sts)] : []), ...(ownedByPod ? [refTo(pod)] : [])];
      if (stableStringify(refs) === stableStringify(claim.metadata.ownerReferences ?? [])) continue;
      const next = clone(claim);
      if (refs.length > 0) next.metadata.ownerReferences = refs;
      else delete next.metadata.ownerReferences;
      store.update(R.pvcs, next, { checkResourceVersion: false });
    }
  }
}
