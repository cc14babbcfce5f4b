import type { Event, PersistentVolumeClaim, Pod } from "kubernetes-types/core/v1";
import type { Ingress } from "kubernetes-types/networking/v1";
import type { EventSummary, PodSummary, VolumeStatus } from "@/lib/dto/app-status";
import { eventTime } from "@/server/engine/status/event-time";
import { isPodReady, pvcNote } from "@/server/engine/status/explain";

/**
 * Maps the Kubernetes objects behind an app to the small DTOs the status page shows. Pure:
 * `now` is passed in so ages are deterministic in tests.
 */

/** kubectl's compact age: "45s", "3m12s", "2h5m", "4d3h", "30d". */
export function formatAge(fromIso: string | undefined, now: Date): string {
  if (!fromIso) return "";
  const seconds = Math.max(0, Math.floor((now.getTime() - Date.parse(fromIso)) / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return `${minutes}m${seconds % 60 ? `${seconds % 60}s` : ""}`;
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h${minutes % 60 ? `${minutes % 60}m` : ""}`;
  const days = Math.floor(hours / 24);
  return days < 10 && hours % 24 ? `${days}d${hours % 24}h` : `${days}d`;
}

/** Why a pod is not simply running, the way `kubectl get pods` prints its STATUS column. */
function podReason(pod: Pod): { reason: string | null; message: string | null } {
  if (pod.metadata?.deletionTimestamp) return { reason: "Terminating", message: null };
  for (const cs of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
    const waiting = cs.state?.waiting;
    if (waiting?.reason && waiting.reason !== "ContainerCreating" && waiting.reason !== "PodInitializing") {
      return { reason: waiting.reason, message: waiting.message ?? null };
    }
    const terminated = cs.state?.terminated;
    if (terminated && terminated.exitCode !== 0) {
      return { reason: terminated.reason ?? "Error", message: `exit code ${terminated.exitCode}` };
    }
  }
  const unscheduled = pod.status?.conditions?.find((c) => c.type === "PodScheduled" && c.status === "False");
  if (unscheduled) return { reason: unscheduled.reason ?? "Unschedulable", message: unscheduled.message ?? null };
  if (pod.status?.reason) return { reason: pod.status.reason, message: pod.status.message ?? null };
  const creating = pod.status?.containerStatuses?.find((cs) => cs.state?.waiting?.reason);
  if (creating) return { reason: creating.state!.waiting!.reason!, message: null };
  return { reason: null, message: null };
}

/** The restarts of a pod's containers added up. */
export function podRestarts(pod: Pod): number {
  return (pod.status?.containerStatuses ?? []).reduce((sum, cs) => sum + (cs.restartCount ?? 0), 0);
}

export function summarizePod(pod: Pod, now: Date): PodSummary {
  const { reason, message } = podReason(pod);
  const restarts = podRestarts(pod);
  return {
    name: pod.metadata?.name ?? "",
    phase: pod.metadata?.deletionTimestamp ? "Terminating" : (pod.status?.phase ?? "Pending"),
    ready: isPodReady(pod),
    restarts,
    reason,
    message,
    age: formatAge(pod.metadata?.creationTimestamp, now),
    createdAt: pod.metadata?.creationTimestamp ?? null,
    node: pod.spec?.nodeName ?? null,
    image: pod.spec?.containers?.[0]?.image ?? null,
  };
}

/** Newest first, then by name, so the list does not jump around between refreshes. */
export function summarizePods(pods: Pod[], now: Date): PodSummary[] {
  return pods
    .map((p) => summarizePod(p, now))
    .sort((a, b) => (b.createdAt ?? "").localeCompare(a.createdAt ?? "") || a.name.localeCompare(b.name));
}

/**
 * Recent events, newest first. Repeats with the same type, reason and message are folded into
 * one entry (counts added), because a crash loop or a pull back-off writes the same line over
 * and over for each pod.
 */
export function summarizeEvents(events: Event[], limit = 20): EventSummary[] {
  const folded = new Map<string, { summary: EventSummary; time: number }>();
  for (const e of [...events].sort((a, b) => eventTime(b) - eventTime(a))) {
    const key = `${e.type}\u0000${e.reason}\u0000${e.message}`;
    const count = e.count ?? e.series?.count ?? 1;
    const seen = folded.get(key);
    if (seen) {
      seen.summary.count += count;
      continue;
    }
    const time = eventTime(e);
    folded.set(key, {
      time,
      summary: {
        type: e.type === "Warning" ? "Warning" : "Normal",
        reason: e.reason ?? "",
        message: e.message ?? "",
        object: `${e.involvedObject.kind ?? "Object"}/${e.involvedObject.name ?? ""}`,
        count,
        lastSeen: time ? new Date(time).toISOString() : null,
      },
    });
  }
  return [...folded.values()].slice(0, limit).map((f) => f.summary);
}

/** Claims in the order the app mounts them; a claim the pods mount but that is missing shows as "Missing". */
export function summarizeVolumes(pvcs: PersistentVolumeClaim[], events: Event[], expected: string[] = []): VolumeStatus[] {
  const byName = new Map(pvcs.map((p) => [p.metadata?.name ?? "", p]));
  const names = [...new Set([...expected, ...byName.keys()])].filter(Boolean);
  return names.map((name) => {
    const pvc = byName.get(name);
    if (!pvc) {
      return { name, phase: "Missing", capacity: null, accessModes: [], storageClass: null, note: "The claim does not exist yet." };
    }
    return {
      name,
      phase: pvc.metadata?.deletionTimestamp ? "Terminating" : (pvc.status?.phase ?? "Pending"),
      capacity: pvc.status?.capacity?.storage ?? pvc.spec?.resources?.requests?.storage ?? null,
      accessModes: pvc.spec?.accessModes ?? [],
      storageClass: pvc.spec?.storageClassName ?? null,
      note: pvcNote(pvc, events) ?? null,
    };
  });
}

/**
 * The URLs an app answers on, from its Ingress rules. https when the host is listed under
 * `tls`; otherwise http (TLS may still end at the user's own gateway in front of the cluster).
 */
export function ingressUrls(ingresses: Ingress[]): string[] {
  const urls = new Set<string>();
  for (const ingress of ingresses) {
    const tlsHosts = new Set((ingress.spec?.tls ?? []).flatMap((t) => t.hosts ?? []));
    for (const rule of ingress.spec?.rules ?? []) {
      if (!rule.host) continue;
      const scheme = tlsHosts.has(rule.host) ? "https" : "http";
      for (const path of rule.http?.paths ?? [{ path: "/" }]) urls.add(`${scheme}://${rule.host}${path.path ?? "/"}`);
    }
  }
  return [...urls];
}

/** The load balancer address the Ingress controller published, if any. */
export function ingressAddress(ingresses: Ingress[]): string | null {
  for (const ingress of ingresses) {
    for (const lb of ingress.status?.loadBalancer?.ingress ?? []) {
      if (lb.ip || lb.hostname) return (lb.ip ?? lb.hostname)!;
    }
  }
  return null;
}
