import type { Container, Probe } from "kubernetes-types/core/v1";
import type { AppSpec } from "@/lib/schemas/app";
import type { ProbeSpec } from "@/lib/schemas/probe";

type ProbeKind = "readiness" | "liveness" | "startup";

/**
 * Defaults per kind. Readiness gates traffic quickly; liveness is slower to give up (a minute of
 * failures) so a slow start or a busy moment does not become a restart loop; startup allows
 * 150 seconds (30 × 5 s) before the kubelet restarts a container that never came up.
 */
const DEFAULTS: Record<ProbeKind, Required<Pick<Probe, "initialDelaySeconds" | "periodSeconds" | "timeoutSeconds" | "failureThreshold">>> = {
  readiness: { initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 3 },
  liveness: { initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 6 },
  startup: { initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 30 },
};

/** Fields equal to the API's own default (initialDelaySeconds 0, successThreshold 1) are left out. */
function renderProbe(kind: ProbeKind, probe: ProbeSpec, appPort: number | undefined): Probe {
  const d = DEFAULTS[kind];
  const initialDelaySeconds = probe.initialDelaySeconds ?? d.initialDelaySeconds;
  const handler: Probe =
    probe.type === "http"
      ? { httpGet: { path: probe.path, port: (probe.port ?? appPort)!, scheme: "HTTP" } }
      : probe.type === "tcp"
        ? { tcpSocket: { port: (probe.port ?? appPort)! } }
        : { exec: { command: probe.command } };
  return {
    ...handler,
    ...(initialDelaySeconds > 0 ? { initialDelaySeconds } : {}),
    periodSeconds: probe.periodSeconds ?? d.periodSeconds,
    timeoutSeconds: probe.timeoutSeconds ?? d.timeoutSeconds,
    failureThreshold: probe.failureThreshold ?? d.failureThreshold,
    ...(kind === "readiness" && probe.successThreshold !== undefined && probe.successThreshold !== 1 ? { successThreshold: probe.successThreshold } : {}),
  };
}

/**
 * The container's probes. The older `healthCheck` is an HTTP readiness check that also serves as
 * the liveness check (as Berth always rendered it) unless a liveness probe is given.
 * https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/
 */
export function probesOf(app: AppSpec): Pick<Container, "readinessProbe" | "livenessProbe" | "startupProbe"> {
  const legacy: ProbeSpec | undefined = app.healthCheck ? { type: "http", path: app.healthCheck.path, port: app.healthCheck.port } : undefined;
  const readiness = app.probes?.readiness ?? legacy;
  const liveness = app.probes?.liveness ?? legacy;
  const startup = app.probes?.startup;
  return {
    ...(readiness ? { readinessProbe: renderProbe("readiness", readiness, app.port) } : {}),
    ...(liveness ? { livenessProbe: renderProbe("liveness", liveness, app.port) } : {}),
    ...(startup ? { startupProbe: renderProbe("startup", startup, app.port) } : {}),
  };
}
