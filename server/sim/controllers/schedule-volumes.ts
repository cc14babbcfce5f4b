/**
 * The scheduler's VolumeBinding check: a pod may be bound to the node only when every
 * PersistentVolumeClaim it mounts exists and is Bound. For a WaitForFirstConsumer claim the
 * scheduler first marks it with the selected node, which tells the provisioner to act.
 */
import type { KubeObject, SimStore } from "@/server/sim/contract";
import { NODE_NAME, R } from "@/server/sim/controllers/resources";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const PREEMPTION = " preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.";

/** undefined when the pod can be scheduled; otherwise why not (message only when the scheduler reports it). */
export function checkPodVolumes(store: SimStore, pod: KubeObject): { message?: string } | undefined {
  const ns = pod.metadata.namespace;
  for (const v of ((pod.spec as Obj).volumes ?? []) as Obj[]) {
    const claimName = v.persistentVolumeClaim?.claimName;
    if (!claimName) continue;
    const pvc = store.get(R.pvcs, ns, claimName);
    if (!pvc) return { message: `0/1 nodes are available: persistentvolumeclaim "${claimName}" not found.${PREEMPTION}` };
    if ((pvc.status as Obj | undefined)?.phase === "Bound") continue;
    const failed = store.list(R.events, ns).some((e) => (e.involvedObject as Obj).uid === pvc.metadata.uid && e.reason === "ProvisioningFailed");
    if (failed) return { message: `0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims.${PREEMPTION}` };
    const annotations = pvc.metadata.annotations ?? {};
    if (!annotations["volume.kubernetes.io/selected-node"]) {
      pvc.metadata.annotations = { ...annotations, "volume.kubernetes.io/selected-node": NODE_NAME };
      store.update(R.pvcs, pvc, { checkResourceVersion: false });
    }
    return {};
  }
  return undefined;
}
