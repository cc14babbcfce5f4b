/**
 * Deployment status and conditions, computed as pkg/controller/deployment/sync.go does:
 * replica counts from the ReplicaSets' pods, Available from minimum availability, and the
 * Progressing condition's reasons (NewReplicaSetCreated, FoundNewReplicaSet, ReplicaSetUpdated,
 * NewReplicaSetAvailable, ProgressDeadlineExceeded) with the real lastUpdateTime rules.
 */
import type { KubeObject } from "@/server/sim/contract";
import { nowIso } from "@/server/sim/controllers/resources";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Resolves an int-or-percent against `total` (surge rounds up, unavailable rounds down). */
export function intOrPercent(value: unknown, total: number, roundUp: boolean): number {
  if (typeof value === "number") return value;
  const m = /^(\d+)%$/.exec(String(value ?? "0"));
  if (!m) return Number(value) || 0;
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

/** maxSurge and maxUnavailable for a deployment; both zero is not allowed, so unavailable becomes 1. */
export function fenceposts(d: KubeObject): { maxSurge: number; maxUnavailable: number } {
  const spec = d.spec as Obj;
  const replicas = spec.replicas ?? 1;
  if (spec.strategy?.type === "Recreate") return { maxSurge: 0, maxUnavailable: replicas };
  const ru = spec.strategy?.rollingUpdate ?? {};
  const maxSurge = intOrPercent(ru.maxSurge ?? "25%", replicas, true);
  let maxUnavailable = intOrPercent(ru.maxUnavailable ?? "25%", replicas, false);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable: Math.min(maxUnavailable, replicas) };
}

export interface Counts {
  replicas: number;
  updated: number;
  ready: number;
  available: number;
  totalSpec: number;
  oldReplicas: number;
}

export function setCondition(conds: Obj[], type: string, status: string, reason: string, message: string, opts: { forceUpdate?: boolean } = {}): Obj[] {
  const now = nowIso();
  const cur = conds.find((c) => c.type === type);
  if (cur && cur.status === status && cur.reason === reason && !opts.forceUpdate) return conds;
  const next = { type, status, lastUpdateTime: now, lastTransitionTime: cur && cur.status === status ? cur.lastTransitionTime : now, reason, message };
  return [...conds.filter((c) => c.type !== type), next];
}

/** The next status; `newRSName` may be undefined while paused before a first ReplicaSet. */
export function computeStatus(d: KubeObject, counts: Counts, newRSName: string | undefined, now: number): Obj {
  const spec = d.spec as Obj;
  const old = (d.status ?? {}) as Obj;
  const replicas = spec.replicas ?? 1;
  const { maxUnavailable } = fenceposts(d);
  const status: Obj = {
    observedGeneration: d.metadata.generation,
    replicas: counts.replicas,
    updatedReplicas: counts.updated,
    readyReplicas: counts.ready,
    availableReplicas: counts.available,
    unavailableReplicas: Math.max(0, counts.totalSpec - counts.available),
  };
  for (const k of Object.keys(status)) if (status[k] === 0) delete status[k];
  if (old.collisionCount) status.collisionCount = old.collisionCount;
  let conds: Obj[] = [...(old.conditions ?? [])];
  conds = counts.available >= replicas - maxUnavailable
    ? setCondition(conds, "Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.")
    : setCondition(conds, "Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.");
  const progressing = conds.find((c) => c.type === "Progressing");
  if (spec.paused) {
    conds = setCondition(conds, "Progressing", "Unknown", "DeploymentPaused", "Deployment is paused");
  } else if (spec.progressDeadlineSeconds != null && newRSName) {
    const complete = counts.updated === replicas && counts.replicas === replicas && counts.available === replicas;
    const settled = counts.replicas === counts.updated && progressing?.reason === "NewReplicaSetAvailable";
    if (!settled) {
      const madeProgress = counts.updated > (old.updatedReplicas ?? 0) || counts.ready > (old.readyReplicas ?? 0) || counts.available > (old.availableReplicas ?? 0) || counts.oldReplicas < (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
      if (complete) {
        conds = setCondition(conds, "Progressing", "True", "NewReplicaSetAvailable", `ReplicaSet "${newRSName}" has successfully progressed.`);
      } else if (madeProgress) {
        conds = setCondition(conds, "Progressing", "True", "ReplicaSetUpdated", `ReplicaSet "${newRSName}" is progressing.`, { forceUpdate: true });
      } else if (progressing && progressing.reason !== "ProgressDeadlineExceeded" && now > Date.parse(progressing.lastUpdateTime) + spec.progressDeadlineSeconds * 1000) {
        conds = setCondition(conds, "Progressing", "False", "ProgressDeadlineExceeded", `ReplicaSet "${newRSName}" has timed out progressing.`);
      }
    }
  }
  // The real controller lists Available before Progressing once both exist.
  status.conditions = ["Available", "Progressing"].map((t) => conds.find((c) => c.type === t)).filter(Boolean);
  return status;
}
