/**
 * What happens after a claim is deleted, as on a real cluster: the pvc-protection controller
 * keeps a deleted claim Terminating while a pod that has not finished still mounts it, then drops
 * its `kubernetes.io/pvc-protection` finalizer so it goes; the PersistentVolume controller then
 * reclaims the volume by its policy — `Delete` (local-path's default) removes the PV, `Retain`
 * leaves it `Released` for an administrator.
 * https://kubernetes.io/docs/concepts/storage/persistent-volumes/#storage-object-in-use-protection
 */
import type { KubeObject, SimController, SimStore } from "@/server/sim/contract";
import { R, clone, keyOf, sameRef, splitKey } from "@/server/sim/controllers/resources";
import { createWorkQueue } from "@/server/sim/controllers/work-queue";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const PVC_PROTECTION = "kubernetes.io/pvc-protection";
const PV_PROTECTION = "kubernetes.io/pv-protection";

function mountedBy(store: SimStore, claim: KubeObject): boolean {
  return store.list(R.pods, claim.metadata.namespace).some((pod) => {
    if (["Succeeded", "Failed"].includes((pod.status as Obj | undefined)?.phase)) return false;
    return (((pod.spec as Obj).volumes ?? []) as Obj[]).some((v) => v.persistentVolumeClaim?.claimName === claim.metadata.name);
  });
}

function reclaim(store: SimStore, claim: KubeObject): void {
  const pv = store.list(R.pvs).find((v) => (v.spec as Obj).claimRef?.uid === claim.metadata.uid);
  if (!pv) return;
  const next = clone(pv);
  if ((pv.spec as Obj).persistentVolumeReclaimPolicy === "Retain") {
    if ((pv.status as Obj | undefined)?.phase === "Released") return;
    next.status = { ...(pv.status as Obj), phase: "Released" };
    store.update(R.pvs, next, { checkResourceVersion: false });
    return;
  }
  next.metadata.finalizers = (pv.metadata.finalizers ?? []).filter((f) => f !== PV_PROTECTION);
  store.update(R.pvs, next, { checkResourceVersion: false });
  store.delete(R.pvs, undefined, pv.metadata.name);
}

export function startVolumeProtectionController(store: SimStore): SimController {
  // Claims gone from the store whose volume is still to reclaim, by the work-queue key `reclaim/<uid>`.
  const gone = new Map<string, KubeObject>();
  const queue = createWorkQueue("volume-protection", (key) => {
    const deleted = gone.get(key);
    if (deleted) {
      gone.delete(key);
      return reclaim(store, deleted);
    }
    const { namespace, name } = splitKey(key);
    const claim = store.get(R.pvcs, namespace, name);
    if (!claim?.metadata.deletionTimestamp || !claim.metadata.finalizers?.includes(PVC_PROTECTION) || mountedBy(store, claim)) return;
    const next = clone(claim);
    next.metadata.finalizers = claim.metadata.finalizers.filter((f) => f !== PVC_PROTECTION);
    store.update(R.pvcs, next, { checkResourceVersion: false });
  });

  let unsubscribe: (() => void) | undefined;
  return {
    start() {
      unsubscribe = store.subscribe((e) => {
        if (sameRef(e.resource, R.pvcs)) {
          if (e.type === "DELETED") {
            gone.set(`reclaim/${e.object.metadata.uid}`, e.object);
            queue.add(`reclaim/${e.object.metadata.uid}`);
          }
          else if (e.object.metadata.deletionTimestamp) queue.add(keyOf(e.object));
        } else if (sameRef(e.resource, R.pods) && (e.type === "DELETED" || ["Succeeded", "Failed"].includes((e.object.status as Obj | undefined)?.phase))) {
          for (const claim of store.list(R.pvcs, e.object.metadata.namespace)) if (claim.metadata.deletionTimestamp) queue.add(keyOf(claim));
        }
      });
      for (const claim of store.list(R.pvcs)) if (claim.metadata.deletionTimestamp) queue.add(keyOf(claim));
    },
    stop() {
      unsubscribe?.();
      queue.stop();
    },
  };
}
