/**
 * StatefulSet status as the real controller computes it (computeReplicaStatus and
 * completeRollingUpdate in stateful_set_control.go): `replicas` counts every created pod,
 * terminating ones too; ready and available count Running+Ready pods (available once Ready for
 * minReadySeconds); current/updated count live pods by their `controller-revision-hash`. A
 * RollingUpdate is complete when every pod is updated and ready: the update revision then
 * becomes the current one. Zero counts are omitted as the API omits them, except
 * `availableReplicas` and `collisionCount`, which a real server always prints.
 * `kubectl rollout status` reads exactly these fields.
 */
import type { KubeObject } from "@/server/sim/contract";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const REVISION_LABEL = "controller-revision-hash";

function readyCondition(pod: KubeObject): Obj | undefined {
  return (((pod.status as Obj | undefined)?.conditions ?? []) as Obj[]).find((c) => c.type === "Ready");
}

/** Running with a Ready condition, whether or not the pod is terminating (isRunningAndReady). */
export function isRunningAndReady(pod: KubeObject): boolean {
  return (pod.status as Obj | undefined)?.phase === "Running" && readyCondition(pod)?.status === "True";
}

/** Milliseconds until the pod counts as available, 0 if it already does, Infinity if not ready. */
export function msUntilAvailable(pod: KubeObject, minReadySeconds: number, now: number): number {
  if (!isRunningAndReady(pod)) return Infinity;
  if (minReadySeconds <= 0) return 0;
  const since = Date.parse(readyCondition(pod)?.lastTransitionTime ?? "");
  if (Number.isNaN(since)) return 0;
  return Math.max(0, since + minReadySeconds * 1000 - now);
}

export interface StatusInput {
  sts: KubeObject;
  pods: KubeObject[];
  currentRevision: string;
  updateRevision: string;
  collisionCount: number;
  now: number;
  /** Current-revision pods this round deleted for the update (the real controller's CurrentReplicas--). */
  deletedForUpdate: number;
}

/**
 * The status of one round. As in the real controller, `pods` are those listed when the round
 * began, so pods it creates or deletes show in the next round's status (the recording shows
 * `replicas: 0` right after web-0 was created).
 */
export function computeStatefulSetStatus({ sts, pods, currentRevision, updateRevision, collisionCount, now, deletedForUpdate }: StatusInput): Obj {
  const spec = sts.spec as Obj;
  const minReady = (spec.minReadySeconds ?? 0) as number;
  let replicas = 0;
  let ready = 0;
  let available = 0;
  let current = 0;
  let updated = 0;
  for (const pod of pods) {
    if ((pod.status as Obj | undefined)?.phase) replicas++;
    if (isRunningAndReady(pod)) {
      ready++;
      if (msUntilAvailable(pod, minReady, now) === 0) available++;
    }
    if ((pod.status as Obj | undefined)?.phase && !pod.metadata.deletionTimestamp) {
      const revision = pod.metadata.labels?.[REVISION_LABEL];
      if (revision === currentRevision) current++;
      if (revision === updateRevision) updated++;
    }
  }
  current = Math.max(0, current - deletedForUpdate);
  let currentName = currentRevision;
  if (spec.updateStrategy?.type !== "OnDelete" && updated === replicas && ready === replicas) {
    current = updated;
    currentName = updateRevision;
  }
  const status: Obj = {
    observedGeneration: sts.metadata.generation,
    replicas,
    readyReplicas: ready,
    currentReplicas: current,
    updatedReplicas: updated,
    currentRevision: currentName,
    updateRevision,
    collisionCount,
    availableReplicas: available,
  };
  for (const k of ["readyReplicas", "currentReplicas", "updatedReplicas"]) if (status[k] === 0) delete status[k];
  return status;
}
