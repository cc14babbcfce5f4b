import type { ContainerStatus, Event, Pod } from "kubernetes-types/core/v1";
import { eventTime } from "@/server/engine/status/event-time";

/**
 * A container the kubelet killed because a probe failed, as opposed to one whose process exited
 * by itself. The kubelet says so only in Events: `Unhealthy` ("Liveness probe failed: HTTP
 * probe failed with statuscode: 500") and `Killing` ("Container web failed liveness probe, will
 * be restarted"); the container's terminated state just shows exit code 137 (SIGKILL) or 143
 * (SIGTERM) with reason Error, like any crash.
 * https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/
 */

const KILLED_BY_PROBE = /^Container (\S+) failed (liveness|startup) probe, will be restarted/;

function podEvents(pod: Pod, events: Event[]): Event[] {
  const uid = pod.metadata?.uid;
  return events
    .filter((e) => e.involvedObject.kind === "Pod" || e.involvedObject.kind === undefined)
    .filter((e) => (uid && e.involvedObject.uid ? e.involvedObject.uid === uid : e.involvedObject.name === pod.metadata?.name))
    .sort((a, b) => eventTime(b) - eventTime(a));
}

/** The probe's own words ("HTTP probe failed with statuscode: 500"), from its latest Unhealthy event. */
function probeFailure(events: Event[], probe: "Liveness" | "Startup", container: string): string | undefined {
  const unhealthy = events.find((e) => e.reason === "Unhealthy" && e.message?.startsWith(`${probe} probe failed:`) && (fieldContainer(e) ?? container) === container);
  return unhealthy?.message?.slice(`${probe} probe failed:`.length).trim() || undefined;
}

/** `spec.containers{web}` → `web`. */
function fieldContainer(e: Event): string | undefined {
  return /\{([^}]+)\}$/.exec(e.involvedObject.fieldPath ?? "")?.[1];
}

/**
 * A container that is ready now and was killed at most once is taken as recovered; one that is
 * not ready, or keeps being killed while it passes readiness in between, is still a problem.
 */
function stillFailing(cs: ContainerStatus | undefined): boolean {
  return !cs?.ready || (cs.restartCount ?? 0) >= 2;
}

/**
 * "Restarted by its liveness probe" or "its startup probe never succeeded", with the probe's
 * failure and what to change; undefined when no container of these pods was killed by a probe.
 */
export function explainProbeRestart(pods: Pod[], events: Event[]): string | undefined {
  for (const pod of pods) {
    const mine = podEvents(pod, events);
    for (const killing of mine.filter((e) => e.reason === "Killing")) {
      const match = KILLED_BY_PROBE.exec(killing.message ?? "");
      if (!match) continue;
      const [, container, probe] = match;
      const cs = pod.status?.containerStatuses?.find((c) => c.name === container);
      if (!stillFailing(cs)) continue;
      const failure = probeFailure(mine, probe === "liveness" ? "Liveness" : "Startup", container);
      const why = failure ? ` (${failure.replace(/[.\s]+$/, "")})` : "";
      if (probe === "startup") {
        const spec = pod.spec?.containers.find((c) => c.name === container)?.startupProbe;
        const budget = spec ? ` within ${(spec.failureThreshold ?? 3) * (spec.periodSeconds ?? 10) + (spec.initialDelaySeconds ?? 0)} seconds` : "";
        return `The container's startup probe never succeeded${budget}${why}, so the kubelet keeps restarting it — fix the startup check, or allow a slower start with a higher failureThreshold or periodSeconds.`;
      }
      return `The container was restarted by its liveness probe${why}; it did not crash by itself — make the app answer its liveness check, or fix the check's path, port or command.`;
    }
  }
  return undefined;
}
