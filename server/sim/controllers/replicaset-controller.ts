/**
 * The ReplicaSet controller: keeps `spec.replicas` pods (named `<rs>-<5 chars>`) controlled by
 * each ReplicaSet, deleting the least useful ones first when scaling down (unscheduled, then
 * pending, then not ready, then the newest), and reports replicas/ready/available in status.
 */
import type { KubeObject, SimController, SimStore } from "@/server/sim/contract";
import { applyDefaults } from "@/server/sim/validate/apply-defaults";
import { nameSuffix, stableStringify } from "@/server/sim/controllers/hash";
import { qosClassOf } from "@/server/sim/controllers/pod-status";
import { recordEvent } from "@/server/sim/controllers/record-event";
import { R, clone, controllerOf, controllerRef, isControlledBy, keyOf, sameRef, splitKey } from "@/server/sim/controllers/resources";
import { createWorkQueue } from "@/server/sim/controllers/work-queue";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function isPodReady(pod: KubeObject): boolean {
  const conds = ((pod.status as Obj | undefined)?.conditions ?? []) as Obj[];
  return !pod.metadata.deletionTimestamp && conds.some((c) => c.type === "Ready" && c.status === "True");
}

/** Live (not terminating, not finished) pods controlled by `owner`. */
export function podsOf(store: SimStore, owner: KubeObject): KubeObject[] {
  return store.list(R.pods, owner.metadata.namespace).filter((p) => isControlledBy(p, owner) && !p.metadata.deletionTimestamp && !["Succeeded", "Failed"].includes((p.status as Obj | undefined)?.phase));
}

/** A new pod from a template, owned by `owner` (ReplicaSet or Job). */
export function podFromTemplate(store: SimStore, owner: KubeObject, template: Obj, extraLabels: Record<string, string> = {}): KubeObject {
  const ns = owner.metadata.namespace;
  let n = 0;
  let name = "";
  do name = `${owner.metadata.name}-${nameSuffix(owner.metadata.uid ?? owner.metadata.name, n++)}`;
  while (store.get(R.pods, ns, name) && n < 1000);
  const pod = applyDefaults({
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      generateName: `${owner.metadata.name}-`,
      namespace: ns,
      labels: { ...(template.metadata?.labels ?? {}), ...extraLabels },
      ...(template.metadata?.annotations ? { annotations: clone(template.metadata.annotations) } : {}),
      ownerReferences: [controllerRef(owner)],
    },
    spec: { ...clone(template.spec), ...(template.spec?.serviceAccountName ? {} : { serviceAccountName: "default", serviceAccount: "default" }) },
  });
  pod.status = { phase: "Pending", qosClass: qosClassOf(pod.spec as Obj) };
  return store.create(R.pods, pod);
}

function deletionRank(p: KubeObject): number[] {
  const s = (p.status ?? {}) as Obj;
  const phaseRank = s.phase === "Pending" ? 1 : s.phase === "Running" ? 2 : 0;
  return [(p.spec as Obj).nodeName ? 1 : 0, phaseRank, isPodReady(p) ? 1 : 0, -Date.parse(p.metadata.creationTimestamp ?? "0")];
}

export function startReplicaSetController(store: SimStore): SimController {
  const queue = createWorkQueue("replicaset", (key) => {
    const { namespace, name } = splitKey(key);
    const rs = store.get(R.replicasets, namespace, name);
    if (!rs || rs.metadata.deletionTimestamp) return;
    const spec = rs.spec as Obj;
    let pods = podsOf(store, rs);
    const want = spec.replicas ?? 1;
    if (pods.length < want) {
      for (let i = pods.length; i < want && i < pods.length + 500; i++) {
        const pod = podFromTemplate(store, rs, spec.template);
        recordEvent(store, rs, "Normal", "SuccessfulCreate", `Created pod: ${pod.metadata.name}`, "replicaset-controller");
      }
    } else if (pods.length > want) {
      const victims = [...pods].sort((a, b) => compareRanks(deletionRank(a), deletionRank(b))).slice(0, pods.length - want);
      for (const p of victims) {
        store.delete(R.pods, p.metadata.namespace, p.metadata.name);
        recordEvent(store, rs, "Normal", "SuccessfulDelete", `Deleted pod: ${p.metadata.name}`, "replicaset-controller");
      }
    }
    pods = podsOf(store, rs);
    const ready = pods.filter(isPodReady).length;
    const status: Obj = { replicas: pods.length, fullyLabeledReplicas: pods.length, readyReplicas: ready, availableReplicas: ready, observedGeneration: rs.metadata.generation };
    for (const k of ["fullyLabeledReplicas", "readyReplicas", "availableReplicas"]) if (status[k] === 0) delete status[k];
    const fresh = store.get(R.replicasets, namespace, name);
    if (fresh && stableStringify(fresh.status ?? {}) !== stableStringify(status)) store.update(R.replicasets, { ...fresh, status }, { checkResourceVersion: false });
  });

  let unsubscribe: (() => void) | undefined;
  return {
    start() {
      unsubscribe = store.subscribe((e) => {
        if (sameRef(e.resource, R.replicasets) && e.type !== "DELETED") queue.add(keyOf(e.object));
        else if (sameRef(e.resource, R.pods)) {
          const owner = controllerOf(e.object);
          if (owner?.kind === "ReplicaSet") queue.add(`${e.object.metadata.namespace}/${owner.name}`);
        }
      });
      for (const rs of store.list(R.replicasets)) queue.add(keyOf(rs));
    },
    stop() {
      unsubscribe?.();
      queue.stop();
    },
  };
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}
