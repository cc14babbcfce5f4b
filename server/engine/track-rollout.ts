/**
 * Follows a Deployment's rollout to a verdict, from the shared informers (no extra watch per
 * deploy): evaluated on every change of the app's Deployment, ReplicaSets and Pods, and on a
 * short tick so the stuck-pod grace period can expire without an event. Each new progress
 * sentence is published to the live socket (revision-feed.ts).
 */
import type { KubeConfig } from "@kubernetes/client-node";
import type { Deployment, ReplicaSet } from "kubernetes-types/apps/v1";
import type { Event, PersistentVolumeClaim, Pod } from "kubernetes-types/core/v1";
import { countRestarts, evaluateRollout, explainCrashedNewPods, type RolloutVerdict } from "@/server/engine/evaluate-rollout";
import { LABEL_APP } from "@/server/engine/render/labels";
import { publishRevisionChange } from "@/server/engine/revision-feed";
import { getInformer } from "@/server/kube/informers";
import { APP_STATUS_KINDS, type InformedKind } from "@/server/kube/kind-registry";
import type { KubeObject } from "@/server/kube/kube-object";

export interface TrackRolloutOptions {
  namespace: string;
  app: string;
  /** The generation the apply returned. */
  minGeneration: number;
  /** How long new pods may sit in ImagePullBackOff/CrashLoopBackOff before the rollout fails. */
  stuckGraceMs: number;
  /** How long a finished rollout must stay healthy (no new pod crashing) to count as a success. Default: the stuck grace, at most 10 s. */
  settleMs?: number;
  /** Give up (verdict failed) after this long; the Deployment's own deadline normally comes first. */
  timeoutMs: number;
  signal?: AbortSignal;
}

const TICK_MS = 200;

/** Resolves with succeeded/failed; rejects only when `signal` aborts (the engine is stopping). */
export function trackRollout(kubeConfig: KubeConfig, options: TrackRolloutOptions): Promise<Exclude<RolloutVerdict, { state: "progressing" }>> {
  const informers = Object.fromEntries(APP_STATUS_KINDS.map((kind) => [kind, getInformer(kind, kubeConfig)])) as Record<InformedKind, ReturnType<typeof getInformer>>;
  const started = Date.now();
  let stuckSince: number | undefined;
  let healthySince: number | undefined;
  let restartsBefore: Map<string, number> | undefined;
  const settleMs = options.settleMs ?? Math.min(options.stuckGraceMs, 10_000);
  let last = "Waiting for the rollout to start.";

  return new Promise((resolve, reject) => {
    const unsubscribes: Array<() => void> = [];
    const finish = (fn: () => void) => {
      clearInterval(timer);
      for (const off of unsubscribes) off();
      options.signal?.removeEventListener("abort", onAbort);
      fn();
    };
    const check = () => {
      const now = Date.now();
      if (!informers.Deployment.isSynced()) {
        if (now - started > options.timeoutMs) finish(() => resolve({ state: "failed", message: `Berth could not watch the rollout: ${informers.Deployment.lastError() ?? "the cluster did not answer"}.` }));
        return;
      }
      const current = snapshot();
      restartsBefore ??= countRestarts(current.pods);
      const verdict = evaluateRollout(current, now, options.stuckGraceMs, stuckSince);
      const crashed = verdict.state === "failed" ? undefined : explainCrashedNewPods(current, restartsBefore);
      if (crashed && (verdict.state === "succeeded" || healthySince !== undefined)) {
        finish(() => resolve({ state: "failed", message: crashed }));
        return;
      }
      if (verdict.state === "succeeded") {
        healthySince ??= now;
        if (now - healthySince < settleMs) return;
      } else healthySince = undefined;
      if (verdict.state === "progressing") {
        stuckSince = verdict.stuckSince;
        if (verdict.message !== last) publishRevisionChange({ type: "revision-progress", project: options.namespace, app: options.app, message: verdict.message });
        last = verdict.message;
        if (now - started > options.timeoutMs) finish(() => resolve({ state: "failed", message: `The rollout did not finish within ${Math.round(options.timeoutMs / 1000)} s (${last})` }));
        return;
      }
      finish(() => resolve(verdict));
    };
    const snapshot = () => {
      const ofApp = (kind: InformedKind) => informers[kind].list(options.namespace).filter((o) => o.metadata.labels?.[LABEL_APP] === options.app);
      const deployment = informers.Deployment.get(options.app, options.namespace) as unknown as Deployment | undefined;
      const podNames = new Set(ofApp("Pod").map((p) => p.metadata.name));
      const events = informers.Event.list(options.namespace).filter((e) => {
        const involved = (e as KubeObject & { involvedObject?: { name?: string } }).involvedObject?.name;
        return involved === options.app || (involved !== undefined && podNames.has(involved));
      });
      return {
        deployment,
        replicaSets: ofApp("ReplicaSet") as unknown as ReplicaSet[],
        pods: ofApp("Pod") as unknown as Pod[],
        events: events as unknown as Event[],
        pvcs: ofApp("PersistentVolumeClaim") as unknown as PersistentVolumeClaim[],
        minGeneration: options.minGeneration,
      };
    };
    const onAbort = () => finish(() => reject(options.signal?.reason ?? new Error("aborted")));
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener("abort", onAbort);
    for (const kind of ["Deployment", "ReplicaSet", "Pod"] as const) {
      unsubscribes.push(informers[kind].subscribe((event) => {
        if (event.object.metadata.namespace === options.namespace) check();
      }));
    }
    const timer = setInterval(check, TICK_MS);
    check();
  });
}
