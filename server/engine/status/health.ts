import type { Deployment, ReplicaSet } from "kubernetes-types/apps/v1";
import type { Event, PersistentVolumeClaim, Pod } from "kubernetes-types/core/v1";
import type { Ingress } from "kubernetes-types/networking/v1";
import type { AppHealth, AppStatus, ReplicaCounts } from "@/lib/dto/app-status";
import { explainApp, explainProgressDeadline, type RegistryLoginInfo } from "@/server/engine/status/explain";
import {
  ingressAddress,
  ingressUrls,
  summarizeEvents,
  summarizePods,
  summarizeVolumes,
} from "@/server/engine/status/summarize-objects";

export type AppObjects = {
  deployment?: Deployment;
  replicaSets?: ReplicaSet[];
  pods?: Pod[];
  /** Events about any of the app's objects; unrelated events are ignored. */
  events?: Event[];
  pvcs?: PersistentVolumeClaim[];
  ingresses?: Ingress[];
  /** The app's one Ingress (Berth renders at most one); merged with `ingresses`. */
  ingress?: Ingress;
  /** Replicas the app's spec asks for; the Deployment's own spec.replicas when left out. */
  desiredReplicas?: number;
  /** Claim names the app's spec mounts, so a claim that is missing still shows. */
  expectedVolumes?: string[];
  /** The project's registry logins (no passwords), for the sentence of a refused image pull. */
  registryLogins?: readonly RegistryLoginInfo[];
  now?: Date;
};

export type AppSummary = Omit<AppStatus, "project" | "app">;

function replicaCounts(deployment: Deployment | undefined, desired: number): ReplicaCounts {
  const s = deployment?.status;
  return { desired, updated: s?.updatedReplicas ?? 0, ready: s?.readyReplicas ?? 0, available: s?.availableReplicas ?? 0 };
}

/** True once the controller has seen the latest spec and every replica runs it and is available, with no old pods left. */
function isRolledOut(deployment: Deployment, counts: ReplicaCounts): boolean {
  const s = deployment.status ?? {};
  const observed = (s.observedGeneration ?? 0) >= (deployment.metadata?.generation ?? 0);
  return (
    observed &&
    counts.updated === counts.desired &&
    counts.available === counts.desired &&
    (s.replicas ?? 0) === counts.desired &&
    (deployment.spec?.replicas ?? counts.desired) === counts.desired
  );
}

/** Events that are about one of the app's objects (matched by uid, or kind and name). */
function eventsAbout(events: Event[], objects: Array<{ kind?: string; metadata?: { name?: string; uid?: string } }>): Event[] {
  const uids = new Set(objects.map((o) => o.metadata?.uid).filter(Boolean));
  const names = new Set(objects.map((o) => `${o.kind}/${o.metadata?.name}`));
  return events.filter((e) =>
    e.involvedObject.uid ? uids.has(e.involvedObject.uid) || names.has(`${e.involvedObject.kind}/${e.involvedObject.name}`) : names.has(`${e.involvedObject.kind}/${e.involvedObject.name}`),
  );
}

/**
 * Summarizes an app from the objects that make it up. Pure; the caller reads them from the
 * shared informer caches.
 *
 * Health rules, first match wins:
 * 1. Stopped — 0 replicas desired, or no Deployment exists yet (never deployed).
 * 2. Failed — the rollout passed its progress deadline, or a known failure (image pull,
 *    crash loop, unbound volume, unschedulable, Multi-Attach) blocks the pods, and no replica
 *    is available.
 * 3. Degraded — the same failures while at least one replica still serves (an old ReplicaSet,
 *    or some of several pods); or the rollout had finished and availability has since dropped
 *    below desired.
 * 4. Healthy — the controller observed the latest spec, and all desired replicas are updated and
 *    available, with no leftover old pods.
 * 5. Progressing — anything else: a rollout under way that nothing says is stuck.
 *
 * The explanation is only given when health is Failed or Degraded (or the app was never
 * deployed), so a Healthy app never shows a stale complaint from an old event.
 */
export function summarizeApp(input: AppObjects): AppSummary {
  const now = input.now ?? new Date();
  const { deployment } = input;
  const replicaSets = input.replicaSets ?? [];
  const pods = input.pods ?? [];
  const pvcs = input.pvcs ?? [];
  const ingresses = [...(input.ingresses ?? []), ...(input.ingress ? [input.ingress] : [])];
  const desired = input.desiredReplicas ?? deployment?.spec?.replicas ?? 1;
  const replicas = replicaCounts(deployment, desired);
  const related = eventsAbout(input.events ?? [], [
    ...(deployment ? [{ ...deployment, kind: "Deployment" }] : []),
    ...replicaSets.map((o) => ({ ...o, kind: "ReplicaSet" })),
    ...pods.map((o) => ({ ...o, kind: "Pod" })),
    ...pvcs.map((o) => ({ ...o, kind: "PersistentVolumeClaim" })),
    ...ingresses.map((o) => ({ ...o, kind: "Ingress" })),
  ]);
  const livePods = pods.filter((p) => !p.metadata?.deletionTimestamp);

  let health: AppHealth;
  let explanation: string | undefined;
  if (!deployment) {
    health = "Stopped";
    explanation = desired > 0 ? "This app has not been deployed yet — deploy it to start it." : undefined;
  } else if (desired === 0) {
    health = "Stopped";
  } else {
    const problem = explainApp({ deployment, pods: livePods, events: related, pvcs, registryLogins: input.registryLogins }) ?? explainProgressDeadline(deployment);
    if (problem) {
      health = replicas.available > 0 ? "Degraded" : "Failed";
      explanation = problem;
    } else if (isRolledOut(deployment, replicas)) {
      health = "Healthy";
    } else {
      const progressing = deployment.status?.conditions?.find((c) => c.type === "Progressing");
      const settled = progressing?.reason === "NewReplicaSetAvailable" && replicas.updated === desired;
      health = settled && replicas.available < desired ? "Degraded" : "Progressing";
      if (health === "Degraded") {
        explanation = `Only ${replicas.available} of ${desired} replicas are available — look at the pods and events below for the reason.`;
      }
    }
  }

  return {
    health,
    ...(explanation ? { explanation } : {}),
    replicas,
    pods: summarizePods(pods, now),
    events: summarizeEvents(related),
    volumes: summarizeVolumes(pvcs, related, input.expectedVolumes),
    urls: ingressUrls(ingresses),
    ingressAddress: ingressAddress(ingresses),
    observedAt: now.toISOString(),
  };
}
