/**
 * The PersistentVolume controller plus k3s's local-path provisioner. A claim gets the default
 * StorageClass when it names none; a WaitForFirstConsumer claim waits until the scheduler marks
 * it with a selected node, then a PV `pvc-<uid>` is provisioned and both are Bound. local-path
 * supports ReadWriteOnce (and ReadWriteOncePod) only, and a missing class leaves the claim Pending;
 * both say why in Events with the real messages.
 */
import type { KubeObject, SimController, SimStore } from "@/server/sim/contract";
import { recordEvent } from "@/server/sim/controllers/record-event";
import { NODE_NAME, R, clone, keyOf, sameRef, splitKey } from "@/server/sim/controllers/resources";
import { createWorkQueue } from "@/server/sim/controllers/work-queue";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const PROVISIONER = "rancher.io/local-path";

export function startPvcController(store: SimStore): SimController {
  const reported = new Map<string, string>();

  const queue = createWorkQueue("pvc", (key) => {
    const { namespace, name } = splitKey(key);
    let pvc = store.get(R.pvcs, namespace, name);
    if (!pvc || pvc.metadata.deletionTimestamp) return;
    const spec = pvc.spec as Obj;
    if ((pvc.status as Obj | undefined)?.phase === "Bound") return;
    if (spec.storageClassName === undefined) {
      const def = store.list(R.storageclasses).find((sc) => sc.metadata.annotations?.["storageclass.kubernetes.io/is-default-class"] === "true");
      if (def) {
        spec.storageClassName = def.metadata.name;
        pvc = store.update(R.pvcs, pvc, { checkResourceVersion: false });
      }
    }
    const report = (type: "Normal" | "Warning", reason: string, message: string, component: Parameters<typeof recordEvent>[5] = "persistentvolume-controller") => {
      if (reported.get(key) === message) return;
      reported.set(key, message);
      recordEvent(store, pvc!, type, reason, message, component);
    };
    if (!(pvc.status as Obj | undefined)?.phase) pvc = store.update(R.pvcs, { ...pvc, status: { phase: "Pending" } }, { checkResourceVersion: false });
    const className = (pvc.spec as Obj).storageClassName as string | undefined;
    if (!className) return; // no class and no default: waits for a matching PV that never comes.
    const sc = store.get(R.storageclasses, undefined, className);
    if (!sc) return report("Warning", "ProvisioningFailed", `storageclass.storage.k8s.io "${className}" not found`);
    const selectedNode = pvc.metadata.annotations?.["volume.kubernetes.io/selected-node"];
    if (sc.volumeBindingMode === "WaitForFirstConsumer" && !selectedNode) return report("Normal", "WaitForFirstConsumer", "waiting for first consumer to be created before binding");
    const modes: string[] = spec.accessModes ?? [];
    if (modes.some((m) => m !== "ReadWriteOnce" && m !== "ReadWriteOncePod")) {
      return report("Warning", "ProvisioningFailed", `failed to provision volume with StorageClass "${className}": NodePath only supports ReadWriteOnce and ReadWriteOncePod (1.22+) access modes`, "rancher.io/local-path_local-path-provisioner");
    }
    recordEvent(store, pvc, "Normal", "ExternalProvisioning", `Waiting for a volume to be created either by the external provisioner '${PROVISIONER}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`, "persistentvolume-controller");
    recordEvent(store, pvc, "Normal", "Provisioning", `External provisioner is provisioning volume for claim "${namespace}/${name}"`, "rancher.io/local-path_local-path-provisioner");
    const pvName = `pvc-${pvc.metadata.uid}`;
    const storage = spec.resources?.requests?.storage ?? "1Gi";
    if (!store.get(R.pvs, undefined, pvName)) {
      store.create(R.pvs, {
        apiVersion: "v1",
        kind: "PersistentVolume",
        metadata: { name: pvName, annotations: { "local.path.provisioner/selected-node": NODE_NAME, "pv.kubernetes.io/provisioned-by": PROVISIONER }, finalizers: ["kubernetes.io/pv-protection"] },
        spec: {
          accessModes: clone(modes),
          capacity: { storage },
          claimRef: { apiVersion: "v1", kind: "PersistentVolumeClaim", name, namespace, resourceVersion: pvc.metadata.resourceVersion, uid: pvc.metadata.uid },
          hostPath: { path: `/var/lib/rancher/k3s/storage/${pvName}_${namespace}_${name}`, type: "DirectoryOrCreate" },
          nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: [NODE_NAME] }] }] } },
          persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? "Delete",
          storageClassName: className,
          volumeMode: spec.volumeMode ?? "Filesystem",
        },
        status: { phase: "Bound", lastPhaseTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, "Z") },
      });
    }
    recordEvent(store, pvc, "Normal", "ProvisioningSucceeded", `Successfully provisioned volume ${pvName}`, "rancher.io/local-path_local-path-provisioner");
    const bound = clone(store.get(R.pvcs, namespace, name)!) as KubeObject;
    (bound.spec as Obj).volumeName = pvName;
    bound.metadata.annotations = { ...bound.metadata.annotations, "pv.kubernetes.io/bind-completed": "yes", "pv.kubernetes.io/bound-by-controller": "yes", "volume.beta.kubernetes.io/storage-provisioner": PROVISIONER, "volume.kubernetes.io/storage-provisioner": PROVISIONER };
    bound.metadata.finalizers = [...new Set([...(bound.metadata.finalizers ?? []), "kubernetes.io/pvc-protection"])];
    bound.status = { phase: "Bound", accessModes: clone(modes), capacity: { storage } };
    store.update(R.pvcs, bound, { checkResourceVersion: false });
  });

  let unsubscribe: (() => void) | undefined;
  return {
    start() {
      unsubscribe = store.subscribe((e) => {
        if (sameRef(e.resource, R.pvcs)) {
          if (e.type === "DELETED") reported.delete(keyOf(e.object));
          else queue.add(keyOf(e.object));
        } else if (sameRef(e.resource, R.storageclasses)) for (const p of store.list(R.pvcs)) queue.add(keyOf(p));
      });
      for (const p of store.list(R.pvcs)) queue.add(keyOf(p));
    },
    stop() {
      unsubscribe?.();
      queue.stop();
    },
  };
}
