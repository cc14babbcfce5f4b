import type { Deployment, ReplicaSet } from "kubernetes-types/apps/v1";
import type { Event, PersistentVolumeClaim, Pod } from "kubernetes-types/core/v1";
import type { Ingress } from "kubernetes-types/networking/v1";
import type { AppHealth, AppStatus, ReplicaCounts } from "@/lib/dto/app-status";
import { driftedReplicas } from "@/server/engine/drift/find-spec-drift";
import { indexEvents, type NamedObject } from "@/server/engine/status/event-index";
import { explainApp, explainProgressDeadline, type RegistryLoginInfo } from "@/server/engine/status/explain";
import type { BoardStatus } from "@/lib/dto/status-board";
import {
  ingressAddress,
  podRestarts,
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
  /** The caller already picked `events` with an EventIndex, so they need no second filtering. */
  eventsAreRelated?: boolean;
  pvcs?: PersistentVolumeClaim[];
  ingresses?: Ingress[];
  /** The app's one Ingress (Berth renders at most one); merged with `ingresses`. */
  ingress?: Ingress;
  /**
   * Replicas the app's spec asks for; the Deployment's own spec.replicas when left out, or when
   * they were changed outside Berth (see findSpecDrift).
   */
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

const ingressesOf = (input: AppObjects) => [...(input.ingresses ?? []), ...(input.ingress ? [input.ingress] : [])];

/** The app's own objects as Events name them: kind, name and uid (no copies of the objects). */
export function objectsNamed(input: AppObjects): NamedObject[] {
  const named = (kind: string) => (o: { metadata?: { name?: string; uid?: string } }) => ({ kind, metadata: o.metadata });
  return [
    ...(input.deployment ? [named("Deployment")(input.deployment)] : []),
    ...(input.replicaSets ?? []).map(named("ReplicaSet")),
    ...(input.pods ?? []).map(named("Pod")),
    ...(input.pvcs ?? []).map(named("PersistentVolumeClaim")),
    ...ingressesOf(input).map(named("Ingress")),
  ];
}

/** An app's health and its sentence, with what they were judged from; the lists need the rest. */
export interface HealthAssessment {
  health: AppHealth;
  explanation?: string;
  replicas: ReplicaCounts;
  /** The Events about the app's objects. */
  related: Event[];
}

/**
 * Judges an app's health from the objects that make it up. Pure; the caller reads them from the
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
export function assessHealth(input: AppObjects): HealthAssessment {
  const { deployment } = input;
  const pods = input.pods ?? [];
  const pvcs = input.pvcs ?? [];
  // Scaled outside Berth (`kubectl scale`): the live count is what the controller works to, and
  // the drift notice says so; the spec's count would read a settled app as a rollout under way.
  const desired = driftedReplicas(deployment) ?? input.desiredReplicas ?? deployment?.spec?.replicas ?? 1;
  const replicas = replicaCounts(deployment, desired);
  const related = input.eventsAreRelated ? (input.events ?? []) : indexEvents(input.events ?? []).about(objectsNamed(input));
  const livePods = pods.filter((p) => !p.metadata?.deletionTimestamp);

  if (!deployment) {
    return { health: "Stopped", replicas, related, ...(desired > 0 ? { explanation: "This app has not been deployed yet — deploy it to start it." } : {}) };
  }
  if (desired === 0) return { health: "Stopped", replicas, related };
  const problem = explainApp({ deployment, pods: livePods, events: related, pvcs, registryLogins: input.registryLogins }) ?? explainProgressDeadline(deployment);
  if (problem) return { health: replicas.available > 0 ? "Degraded" : "Failed", explanation: problem, replicas, related };
  if (isRolledOut(deployment, replicas)) return { health: "Healthy", replicas, related };
  const progressing = deployment.status?.conditions?.find((c) => c.type === "Progressing");
  const settled = progressing?.reason === "NewReplicaSetAvailable" && replicas.updated === desired;
  if (settled && replicas.available < desired) {
    return { health: "Degraded", explanation: `Only ${replicas.available} of ${desired} replicas are available — look at the pods and events below for the reason.`, replicas, related };
  }
  return { health: "Progressing", replicas, related };
}

/** What the status page shows of an app, without summarizing its pods and events (see lib/dto/status-board). */
export function summarizeForBoard(input: AppObjects, assessment = assessHealth(input)): BoardStatus {
  const { health, explanation, replicas } = assessment;
  return {
    health,
    ...(explanation ? { explanation } : {}),
    ready: replicas.ready,
    desired: replicas.desired,
    restarts: (input.pods ?? []).reduce((sum, pod) => sum + podRestarts(pod), 0),
    urls: ingressUrls(ingressesOf(input)),
  };
}

/** The whole status of an app: its health (assessHealth) plus its pods, events, volumes and URLs. */
export function summarizeApp(input: AppObjects): AppSummary {
  const now = input.now ?? new Date();
  const { health, explanation, replicas, related } = assessHealth(input);
  const ingresses = ingressesOf(input);
  return {
    health,
    ...(explanation ? { explanation } : {}),
    replicas,
    pods: summarizePods(input.pods ?? [], now),
    events: summarizeEvents(related),
    volumes: summarizeVolumes(input.pvcs ?? [], related, input.expectedVolumes),
    urls: ingressUrls(ingresses),
    ingressAddress: ingressAddress(ingresses),
    observedAt: now.toISOString(),
  };
}
