/**
 * kube-controller-manager's pvc-protection and pv-protection controllers, as far as Berth can
 * tell them apart: a deleted claim stays Terminating while a pod still uses it, and goes (its
 * `kubernetes.io/pvc-protection` finalizer removed) once none does; its PersistentVolume, with
 * the Delete reclaim policy local-path uses, then goes too. Without this a bound claim in the
 * simulated cluster could never be deleted, while on a real one `kubectl delete pvc` finishes
 * as soon as the pod is gone.
 * https://kubernetes.io/docs/concepts/storage/persistent-volumes/#storage-object-in-use-protection
 */
import type { KubeObject, SimController, SimStore } from "@/server/sim/contract";
import { R, clone, keyOf, sameRef, splitKey } from "@/server/sim/controllers/resources";
import { createWorkQueue } from "@/server/sim/controllers/work-queue";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const PVC_PROTECTION = "kubernetes.io/pvc-protection";
const PV_PROTECTION = "kubernetes.io/pv-protection";

function claimsOf(pod: KubeObject): string[] {
  return (((pod.spec as Obj | undefined)?.volumes ?? []) as Obj[]).map((v) => v.persistentVolumeClaim?.claimName).filter((n): n is string => typeof n === "string");
}

function isTerminated(pod: KubeObject): boolean {
  const phase = (pod.status as Obj | undefined)?.phase;
  return phase === "Succeeded" || phase === "Failed";
}

export function startPvcProtectionController(store: SimStore): SimController {
  const queue = createWorkQueue("pvc-protection", (key) => {
    const { namespace, name } = splitKey(key);
    const pvc = store.get(R.pvcs, namespace, name);
    if (!pvc?.metadata.deletionTimestamp || !pvc.metadata.finalizers?.includes(PVC_PROTECTION)) return;
    const inUse = store.list(R.pods, namespace).some((pod) => !isTerminated(pod) && claimsOf(pod).includes(name));
    if (inUse) return;
    const volumeName = (pvc.spec as Obj | undefined)?.volumeName as string | undefined;
    const released = clone(pvc) as KubeObject;
    released.metadata.finalizers = released.metadata.finalizers!.filter((f) => f !== PVC_PROTECTION);
    store.update(R.pvcs, released, { checkResourceVersion: false });
    const pv = volumeName ? store.get(R.pvs, undefined, volumeName) : undefined;
    if (pv && (pv.spec as Obj | undefined)?.persistentVolumeReclaimPolicy === "Delete") {
      const freed = clone(pv) as KubeObject;
      freed.metadata.finalizers = (freed.metadata.finalizers ?? []).filter((f) => f !== PV_PROTECTION);
      store.update(R.pvs, freed, { checkResourceVersion: false });
      store.delete(R.pvs, undefined, volumeName!);
    }
  });

  let unsubscribe: (() => void) | undefined;
  return {
    start() {
      unsubscribe = store.subscribe((e) => {
        if (sameRef(e.resource, R.pvcs) && e.type !== "DELETED") queue.add(keyOf(e.object));
        else if (sameRef(e.resource, R.pods)) {
          for (const claim of claimsOf(e.object)) queue.add(`${e.object.metadata.namespace}/${claim}`);
        }
      });
      for (const p of store.list(R.pvcs)) queue.add(keyOf(p));
    },
    stop() {
      unsubscribe?.();
      queue.stop();
    },
  };
}
