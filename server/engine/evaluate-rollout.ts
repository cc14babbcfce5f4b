/**
 * Decides, from a snapshot of the cluster, whether a Deployment's rollout has finished, failed
 * or is still going. Pure, so the rules are unit-tested without a cluster.
 *
 * Success is the rule `kubectl rollout status` uses: the controller has seen the latest spec
 * (observedGeneration ≥ generation) and every replica is updated and available.
 * Failure is the Deployment's own verdict (Progressing=False, ProgressDeadlineExceeded) — or,
 * sooner, pods of the new ReplicaSet stuck in an image-pull or crash-loop state for longer than
 * a grace period: the deadline is 10 minutes by default and nobody should wait that long to
 * learn a tag is misspelt.
 * https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#deployment-status
 */
import type { Deployment, ReplicaSet } from "kubernetes-types/apps/v1";
import type { Event, PersistentVolumeClaim, Pod } from "kubernetes-types/core/v1";
import { explainApp, explainCrashLoop, explainImagePull, explainProgressDeadline } from "@/server/engine/status/explain";

const STUCK_REASONS = new Set(["ImagePullBackOff", "ErrImagePull", "InvalidImageName", "CrashLoopBackOff"]);
const REVISION = "deployment.kubernetes.io/revision";

export interface RolloutSnapshot {
  deployment: Deployment | undefined;
  replicaSets: ReplicaSet[];
  pods: Pod[];
  events?: Event[];
  pvcs?: PersistentVolumeClaim[];
  /** The generation the apply produced; older observations do not count. */
  minGeneration: number;
}

export type RolloutVerdict =
  | { state: "progressing"; stuckSince?: number; message: string }
  | { state: "succeeded"; message: string }
  | { state: "failed"; message: string };

/**
 * `stuckSince` is carried between calls by the tracker: the first time new pods were seen stuck.
 */
export function evaluateRollout(snapshot: RolloutSnapshot, now: number, graceMs: number, stuckSince?: number): RolloutVerdict {
  const d = snapshot.deployment;
  if (!d) return { state: "progressing", message: "Waiting for the Deployment to appear." };
  const deadline = explainProgressDeadline(d);
  if (deadline) return { state: "failed", message: explainWhy(snapshot) ?? deadline };

  const desired = d.spec?.replicas ?? 1;
  const status = d.status ?? {};
  const generation = Math.max(d.metadata?.generation ?? 0, snapshot.minGeneration);
  const observed = status.observedGeneration ?? 0;
  if (observed >= generation) {
    const updated = status.updatedReplicas ?? 0;
    const total = status.replicas ?? 0;
    const available = status.availableReplicas ?? 0;
    if (updated === desired && total === desired && available === desired) {
      return { state: "succeeded", message: desired === 0 ? "Stopped: 0 replicas." : `Rolled out: ${desired} of ${desired} replicas available.` };
    }
  }

  const newPods = podsOfNewReplicaSet(d, snapshot.replicaSets, snapshot.pods);
  const stuck = newPods.filter(isStuck);
  if (stuck.length === 0) return { state: "progressing", message: progressText(d) };
  const since = stuckSince ?? now;
  if (now - since >= graceMs) {
    return { state: "failed", message: explainImagePull(stuck) ?? explainCrashLoop(stuck) ?? "The new pods cannot start." };
  }
  return { state: "progressing", stuckSince: since, message: progressText(d) };
}

/**
 * A container of the new ReplicaSet that has already exited with an error or restarted: a
 * process that crashes a second after starting counts as "available" for that second, so a
 * rollout is only called a success after it has stayed healthy for a short settle period.
 * Restarts counted in `restartsBefore` (per pod uid, when tracking began) are old news.
 */

/** Restarts per pod uid, to tell a crash during this rollout from one an hour ago. */
export function countRestarts(pods: readonly Pod[]): Map<string, number> {
  return new Map(pods.map((p) => [p.metadata?.uid ?? "", (p.status?.containerStatuses ?? []).reduce((sum, cs) => sum + cs.restartCount, 0)]));
}
export function explainCrashedNewPods(snapshot: RolloutSnapshot, restartsBefore: ReadonlyMap<string, number>): string | undefined {
  const d = snapshot.deployment;
  if (!d) return undefined;
  const crashed = podsOfNewReplicaSet(d, snapshot.replicaSets, snapshot.pods).filter((pod) => {
    if (pod.metadata?.deletionTimestamp) return false;
    const statuses = pod.status?.containerStatuses ?? [];
    const restarts = statuses.reduce((sum, cs) => sum + cs.restartCount, 0);
    return (
      restarts > (restartsBefore.get(pod.metadata?.uid ?? "") ?? 0) ||
      statuses.some((cs) => (cs.state?.terminated?.exitCode ?? 0) !== 0 || cs.state?.waiting?.reason === "CrashLoopBackOff")
    );
  });
  if (crashed.length === 0) return undefined;
  const code = crashed.flatMap((p) => p.status?.containerStatuses ?? []).find((cs) => cs.lastState?.terminated)?.lastState?.terminated?.exitCode;
  return explainCrashLoop(crashed) ?? `The container exited${code === undefined ? "" : ` with code ${code}`} soon after starting and was restarted — open the logs to see why.`;
}

function explainWhy(snapshot: RolloutSnapshot): string | undefined {
  return explainApp({ deployment: undefined, pods: snapshot.pods, events: snapshot.events ?? [], pvcs: snapshot.pvcs ?? [] });
}

function progressText(d: Deployment): string {
  const desired = d.spec?.replicas ?? 1;
  return `Rolling out: ${d.status?.updatedReplicas ?? 0} of ${desired} replicas updated, ${d.status?.availableReplicas ?? 0} available.`;
}

function isStuck(pod: Pod): boolean {
  if (pod.metadata?.deletionTimestamp) return false;
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  return statuses.some((cs) => STUCK_REASONS.has(cs.state?.waiting?.reason ?? ""));
}

/**
 * Pods of the ReplicaSet carrying the Deployment's current revision. Falls back to every pod
 * when the ReplicaSets are not known yet (old pods cannot be stuck in a way that matters: they
 * were running before).
 */
export function podsOfNewReplicaSet(d: Deployment, replicaSets: ReplicaSet[], pods: Pod[]): Pod[] {
  const uid = d.metadata?.uid;
  const revision = d.metadata?.annotations?.[REVISION];
  const owned = replicaSets.filter((rs) => rs.metadata?.ownerReferences?.some((o) => o.uid === uid && o.controller));
  const current = revision ? owned.find((rs) => rs.metadata?.annotations?.[REVISION] === revision) : undefined;
  if (!current) return pods;
  return pods.filter((p) => p.metadata?.ownerReferences?.some((o) => o.uid === current.metadata?.uid));
}
