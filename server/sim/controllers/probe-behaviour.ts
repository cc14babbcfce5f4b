/**
 * How the simulated kubelet's probes turn out, decided from the probe itself so tests (and the
 * demo) ask for a failure on purpose:
 * - HTTP: a path whose first segment starts with `fail` (`/fail`, `/failing/health`) answers 500;
 *   any other path answers 200.
 * - TCP: succeeds on a port the container declares (by number or name), otherwise the connection
 *   is refused.
 * - command: the kubelet runs it in the container's userland (exec-probe.ts: the database images'
 *   own checks answer as a running server does, a program the image lacks errors as containerd
 *   says); judged from its text alone (`false`, or a script ending in `exit N`, fails) when no
 *   userland is given.
 * Failure texts are the kubelet's (pkg/kubelet/prober), as its `Unhealthy` events show them.
 */
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export type ProbeKind = "Readiness" | "Liveness" | "Startup";

/** undefined when the probe succeeds; otherwise the probe's output as the kubelet reports it. */
export function probeFailure(probe: Obj, container: Obj, podIP: string): string | undefined {
  if (probe.httpGet) {
    const path = String(probe.httpGet.path ?? "/");
    return /^\/fail/.test(path) ? "HTTP probe failed with statuscode: 500" : undefined;
  }
  if (probe.tcpSocket) {
    const port = probe.tcpSocket.port;
    const ports = (container.ports as Obj[] | undefined) ?? [];
    const declared = ports.some((p) => p.containerPort === port || (typeof port === "string" && p.name === port));
    const number = typeof port === "number" ? port : (ports.find((p) => p.name === port)?.containerPort ?? port);
    return declared ? undefined : `dial tcp ${podIP}:${number}: connect: connection refused`;
  }
  if (probe.exec) {
    const argv: string[] = probe.exec.command ?? [];
    const script = argv.join(" ");
    const fails = argv[0] === "false" || argv[0] === "/bin/false" || /(?:^|[;&|\s])exit\s+([1-9]\d*)\s*;?\s*$/.test(script);
    return fails ? "" : undefined;
  }
  return undefined;
}

/**
 * Runs a command probe in the container's userland (exec-probe.ts) and answers the whole Unhealthy
 * message ("… probe failed: <output>", or "… probe errored: …" when the program cannot start), or
 * undefined when it passes. Without one, a command probe is judged from its text alone.
 */
export type ExecProbe = (kind: ProbeKind, probe: Obj) => string | undefined;

/** The kubelet's Unhealthy message for a probe that fails, or undefined when it passes. */
function unhealthyMessage(kind: ProbeKind, probe: Obj, container: Obj, podIP: string, execProbe?: ExecProbe): string | undefined {
  if (probe.exec && execProbe) return execProbe(kind, probe);
  const output = probeFailure(probe, container, podIP);
  return output === undefined ? undefined : `${kind} probe failed: ${output}`;
}

/** The seconds before the kubelet acts on a probe that keeps failing: the first check, then failureThreshold periods. */
function secondsToGiveUp(probe: Obj): number {
  return (probe.initialDelaySeconds ?? 0) + (probe.failureThreshold ?? 3) * (probe.periodSeconds ?? 10);
}

export interface ProbePlan {
  /** When the container becomes ready (Infinity: never, its readiness or startup probe fails). */
  readyAfterMs: number;
  /** A readiness failure to report once as an Unhealthy event (its whole message). */
  readinessFailure?: string;
  /** The probe that will kill the container, when, and its Unhealthy message. */
  kill?: { probe: "Liveness" | "Startup"; afterMs: number; output: string };
}

/**
 * What the probes of a freshly started container will do. A startup probe holds back the other
 * two until it succeeds (its first check, at initialDelaySeconds); readiness is reached at its own
 * initialDelaySeconds after that; a failing liveness probe kills the container after
 * failureThreshold failed periods, a failing startup probe likewise.
 */
export function planProbes(container: Obj, podIP: string, secondMs: number, tickMs: number, execProbe?: ExecProbe): ProbePlan {
  const startup: Obj | undefined = container.startupProbe;
  const readiness: Obj | undefined = container.readinessProbe;
  const liveness: Obj | undefined = container.livenessProbe;
  if (startup) {
    const output = unhealthyMessage("Startup", startup, container, podIP, execProbe);
    if (output !== undefined) return { readyAfterMs: Infinity, kill: { probe: "Startup", afterMs: Math.max(tickMs, secondsToGiveUp(startup) * secondMs), output } };
  }
  const startedAfterMs = startup ? Math.max(tickMs, (startup.initialDelaySeconds ?? 0) * secondMs) : 0;
  const readinessFailure = readiness ? unhealthyMessage("Readiness", readiness, container, podIP, execProbe) : undefined;
  const readyAfterMs =
    readinessFailure !== undefined ? Infinity : readiness ? startedAfterMs + Math.max(tickMs, (readiness.initialDelaySeconds ?? 0) * secondMs) : startedAfterMs;
  const livenessOutput = liveness ? unhealthyMessage("Liveness", liveness, container, podIP, execProbe) : undefined;
  const kill =
    liveness && livenessOutput !== undefined
      ? { probe: "Liveness" as const, afterMs: startedAfterMs + Math.max(tickMs, secondsToGiveUp(liveness) * secondMs), output: livenessOutput }
      : undefined;
  return { readyAfterMs, ...(readinessFailure !== undefined ? { readinessFailure } : {}), ...(kill ? { kill } : {}) };
}

/** The kubelet's two events when a probe kills a container. */
export function probeKillEvents(probe: "Liveness" | "Startup", containerName: string, unhealthy: string): Array<{ type: "Warning" | "Normal"; reason: string; message: string }> {
  return [
    { type: "Warning", reason: "Unhealthy", message: unhealthy },
    { type: "Normal", reason: "Killing", message: `Container ${containerName} failed ${probe.toLowerCase()} probe, will be restarted` },
  ];
}
