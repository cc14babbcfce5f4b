/**
 * The StatefulSet controller, following the real one (pkg/controller/statefulset,
 * stateful_set_control.go) for the cases Berth meets: pods `<sts>-<N>` for ordinals
 * `start … start+replicas-1`, each with its claims created first from volumeClaimTemplates;
 * OrderedReady creates pod N+1 only once N is Running and Ready and removes surplus pods one at a
 * time from the highest ordinal, Parallel does both at once. A RollingUpdate deletes the highest
 * pod not at the update revision (down to `partition`), one at a time, waiting for each
 * replacement to be ready; OnDelete replaces pods only when someone deletes them. Finished pods
 * are recreated. Claims outlive scale-down and the set unless persistentVolumeClaimRetentionPolicy
 * says Delete, which the controller expresses as ownerReferences for the garbage collector.
 * Events carry the real controller's words ("create Pod web-0 in StatefulSet web successful").
 */
import type { KubeObject, SimController, SimStore } from "@/server/sim/contract";
import { stableStringify } from "@/server/sim/controllers/hash";
import { qosClassOf } from "@/server/sim/controllers/pod-status";
import { recordEvent } from "@/server/sim/controllers/record-event";
import { R, clone, controllerOf, isControlledBy, keyOf, sameRef, splitKey } from "@/server/sim/controllers/resources";
import { claimsFor, ordinalOf, statefulPod } from "@/server/sim/controllers/statefulset-identity";
import { syncClaimOwners } from "@/server/sim/controllers/statefulset-retention";
import { syncRevisions, templateOf, truncateHistory, type Revisions } from "@/server/sim/controllers/statefulset-revisions";
import { REVISION_LABEL, computeStatefulSetStatus, isRunningAndReady, msUntilAvailable } from "@/server/sim/controllers/statefulset-status";
import { createWorkQueue } from "@/server/sim/controllers/work-queue";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** What a round did that its status must show: when to look again, and pods deleted for the update. */
interface Round {
  waitMs: number;
  deletedForUpdate: number;
}

const finished = (pod: KubeObject) => ["Succeeded", "Failed"].includes((pod.status as Obj | undefined)?.phase);

export function startStatefulSetController(store: SimStore): SimController {
  const queue = createWorkQueue("statefulset", (key) => {
    const { namespace, name } = splitKey(key);
    const sts = store.get(R.statefulsets, namespace, name);
    if (sts && !sts.metadata.deletionTimestamp) sync(sts, key);
  });

  const event = (sts: KubeObject, type: "Normal" | "Warning", reason: string, message: string) => recordEvent(store, sts, type, reason, message, "statefulset-controller");

  function ownedPods(sts: KubeObject): KubeObject[] {
    return store.list(R.pods, sts.metadata.namespace).filter((p) => isControlledBy(p, sts));
  }

  function deletePod(sts: KubeObject, pod: KubeObject): void {
    store.delete(R.pods, pod.metadata.namespace, pod.metadata.name);
    event(sts, "Normal", "SuccessfulDelete", `delete Pod ${pod.metadata.name} in StatefulSet ${sts.metadata.name} successful`);
  }

  /** CreateStatefulPod: the missing claims first, then the pod. */
  function createPod(sts: KubeObject, revisions: Revisions, ordinal: number): void {
    const partition = (sts.spec as Obj).updateStrategy?.rollingUpdate?.partition ?? 0;
    const rolling = (sts.spec as Obj).updateStrategy?.type !== "OnDelete";
    const revision = rolling && ordinal < partition ? revisions.current : revisions.update;
    const pod = statefulPod(sts, templateOf(revision), revision.metadata.name, ordinal);
    const blocked: string[] = [];
    for (const claim of claimsFor(sts, ordinal)) {
      const existing = store.get(R.pvcs, claim.metadata.namespace, claim.metadata.name);
      if (existing?.metadata.deletionTimestamp) blocked.push(`pvc ${claim.metadata.name} is being deleted`);
      if (existing) continue;
      store.create(R.pvcs, claim);
      event(sts, "Normal", "SuccessfulCreate", `create Claim ${claim.metadata.name} Pod ${pod.metadata.name} in StatefulSet ${sts.metadata.name} success`);
    }
    // A claim still Terminating would be gone under the new pod: wait until it is, then make a fresh one.
    if (blocked.length > 0) {
      const why = blocked.length === 1 ? blocked[0] : `[${blocked.join(", ")}]`;
      event(sts, "Warning", "FailedCreate", `create Pod ${pod.metadata.name} in StatefulSet ${sts.metadata.name} failed error: ${why}`);
      return;
    }
    pod.status = { phase: "Pending", qosClass: qosClassOf(pod.spec as Obj) };
    store.create(R.pods, pod);
    event(sts, "Normal", "SuccessfulCreate", `create Pod ${pod.metadata.name} in StatefulSet ${sts.metadata.name} successful`);
  }

  /**
   * One round of updateStatefulSet: replicas in ordinal order, then condemned pods from the
   * highest, then the rolling update. Returns the ms until a pod becomes available (if waiting
   * on that) and whether a pod was deleted for the update.
   */
  function reconcile(sts: KubeObject, revisions: Revisions): Round {
    const spec = sts.spec as Obj;
    const monotonic = spec.podManagementPolicy !== "Parallel";
    const start = (spec.ordinals?.start ?? 0) as number;
    const want = (spec.replicas ?? 1) as number;
    const minReady = (spec.minReadySeconds ?? 0) as number;
    const now = Date.now();
    const byOrdinal = new Map<number, KubeObject>();
    const condemned: KubeObject[] = [];
    for (const pod of ownedPods(sts)) {
      const ordinal = ordinalOf(sts, pod);
      if (ordinal === undefined) continue;
      if (ordinal >= start && ordinal < start + want) byOrdinal.set(ordinal, pod);
      else condemned.push(pod);
    }
    condemned.sort((a, b) => ordinalOf(sts, b)! - ordinalOf(sts, a)!);
    const waiting: Round = { waitMs: Infinity, deletedForUpdate: 0 };

    for (let ordinal = start; ordinal < start + want; ordinal++) {
      let pod = byOrdinal.get(ordinal);
      if (pod && finished(pod) && !pod.metadata.deletionTimestamp) {
        const failed = (pod.status as Obj).phase === "Failed";
        event(sts, failed ? "Warning" : "Normal", failed ? "RecreatingFailedPod" : "RecreatingTerminatedPod", `StatefulSet ${sts.metadata.namespace}/${sts.metadata.name} is recreating ${failed ? "failed" : "terminated"} Pod ${pod.metadata.name}`);
        deletePod(sts, pod);
        byOrdinal.delete(ordinal);
        pod = undefined;
        if (monotonic) return waiting;
      }
      if (!pod) {
        createPod(sts, revisions, ordinal);
        if (monotonic) return waiting;
        continue;
      }
      if (!monotonic) continue;
      if (pod.metadata.deletionTimestamp || !isRunningAndReady(pod)) return waiting;
      const untilAvailable = msUntilAvailable(pod, minReady, now);
      if (untilAvailable > 0) return { waitMs: untilAvailable, deletedForUpdate: 0 };
    }

    for (const pod of condemned) {
      if (pod.metadata.deletionTimestamp) {
        if (monotonic) return waiting;
        continue;
      }
      deletePod(sts, pod);
      if (monotonic) return waiting;
    }

    if (spec.updateStrategy?.type === "OnDelete") return waiting;
    const partition = (spec.updateStrategy?.rollingUpdate?.partition ?? 0) as number;
    for (let ordinal = start + want - 1; ordinal >= start + partition; ordinal--) {
      const pod = byOrdinal.get(ordinal);
      if (!pod) return waiting;
      if (pod.metadata.labels?.[REVISION_LABEL] !== revisions.update.metadata.name && !pod.metadata.deletionTimestamp) {
        deletePod(sts, pod);
        return { waitMs: Infinity, deletedForUpdate: 1 };
      }
      const untilAvailable = msUntilAvailable(pod, minReady, now);
      if (untilAvailable > 0) return { waitMs: untilAvailable, deletedForUpdate: 0 };
    }
    const pending = [...byOrdinal.values()].map((p) => msUntilAvailable(p, minReady, now)).filter((ms) => ms > 0);
    return { waitMs: Math.min(Infinity, ...pending), deletedForUpdate: 0 };
  }

  function sync(sts: KubeObject, key: string): void {
    const revisions = syncRevisions(store, sts);
    const before = ownedPods(sts);
    // Condemned pods' claims must carry the pod as owner before the pod goes, so whenScaled: Delete takes them with it.
    syncClaimOwners(store, sts, before);
    const { waitMs, deletedForUpdate } = reconcile(sts, revisions);
    const after = ownedPods(sts);
    syncClaimOwners(store, sts, after);
    truncateHistory(store, sts, after, revisions);
    const fresh = store.get(R.statefulsets, sts.metadata.namespace, sts.metadata.name);
    if (!fresh) return;
    const status = computeStatefulSetStatus({ sts: fresh, pods: before, currentRevision: revisions.current.metadata.name, updateRevision: revisions.update.metadata.name, collisionCount: revisions.collisionCount, now: Date.now(), deletedForUpdate });
    if (stableStringify(status) !== stableStringify(fresh.status ?? {})) store.update(R.statefulsets, { ...clone(fresh), status }, { checkResourceVersion: false });
    if (Number.isFinite(waitMs)) queue.after(key, waitMs + 10);
  }

  let unsubscribe: (() => void) | undefined;
  return {
    start() {
      unsubscribe = store.subscribe((e) => {
        if (sameRef(e.resource, R.statefulsets) && e.type !== "DELETED") queue.add(keyOf(e.object));
        else if (sameRef(e.resource, R.pods)) {
          const owner = controllerOf(e.object);
          if (owner?.kind === "StatefulSet") queue.add(`${e.object.metadata.namespace}/${owner.name}`);
        } else if (sameRef(e.resource, R.pvcs) && e.type === "DELETED") {
          // A pod may be waiting for its old claim to go (createPod).
          for (const sts of store.list(R.statefulsets, e.object.metadata.namespace)) queue.add(keyOf(sts));
        }
      });
      for (const sts of store.list(R.statefulsets)) queue.add(keyOf(sts));
    },
    stop() {
      unsubscribe?.();
      queue.stop();
    },
  };
}
