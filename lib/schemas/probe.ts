import { z } from "zod";
import { portNumber, requiredOr, strictObject, urlPath } from "@/lib/schemas/kube-validators";

/**
 * Probes: how the kubelet checks that the app is ready for traffic (readiness), still alive
 * (liveness: restarted when it fails) and done starting (startup: the other probes wait for it).
 * Each is an HTTP GET, a TCP connect or a command run in the container (an argv list: the kubelet
 * execs it directly, no shell). Timing fields left out get Berth's defaults (see render).
 * https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/
 */

function seconds(what: string, min: number) {
  return z
    .number({ error: requiredOr(`expected ${what} in seconds`) })
    .int({ error: `expected a whole number of seconds for ${what}` })
    .min(min, { error: `${what} must be between ${min} and 3600 seconds` })
    .max(3600, { error: `${what} must be between ${min} and 3600 seconds` });
}

function threshold(what: string) {
  return z
    .number({ error: requiredOr(`expected a ${what} count`) })
    .int({ error: `expected a whole ${what} count` })
    .min(1, { error: `${what} must be between 1 and 100` })
    .max(100, { error: `${what} must be between 1 and 100` });
}

const timing = {
  initialDelaySeconds: seconds("initialDelaySeconds", 0).optional(),
  periodSeconds: seconds("periodSeconds", 1).optional(),
  timeoutSeconds: seconds("timeoutSeconds", 1).optional(),
  failureThreshold: threshold("failureThreshold").optional(),
  successThreshold: threshold("successThreshold").optional(),
};

const probeCommand = z
  .array(z.string({ error: requiredOr("each command item must be a string") }).min(1, { error: "a command item cannot be empty" }).max(4096, { error: "at most 4096 characters" }), {
    error: 'expected the command as a list of strings, e.g. ["pg_isready", "-U", "postgres"]',
  })
  .min(1, { error: 'the command needs at least the program to run, e.g. ["pg_isready"]' })
  .max(100, { error: "at most 100 command items" });

export const httpProbeSchema = strictObject({ type: z.literal("http"), path: urlPath({ allowQuery: true }), port: portNumber.optional(), ...timing });
export const tcpProbeSchema = strictObject({ type: z.literal("tcp"), port: portNumber.optional(), ...timing });
export const commandProbeSchema = strictObject({ type: z.literal("command"), command: probeCommand, ...timing });

export const probeSchema = z.discriminatedUnion("type", [httpProbeSchema, tcpProbeSchema, commandProbeSchema], {
  error: (issue) => (issue.input === undefined ? "required" : 'expected a probe with type "http" (path, port), "tcp" (port) or "command" (a list of strings)'),
});
export type ProbeSpec = z.output<typeof probeSchema>;

/** Liveness and startup probes have only one meaning of success; the API server refuses any other threshold. */
function onlyOneSuccess(probe: ProbeSpec | undefined, ctx: z.core.$RefinementCtx<unknown>, name: string) {
  if (probe?.successThreshold !== undefined && probe.successThreshold !== 1) {
    ctx.addIssue({ code: "custom", path: [name, "successThreshold"], message: `a ${name} probe's successThreshold must be 1 (Kubernetes refuses any other value) — remove it or set 1` });
  }
}

export const probesSchema = strictObject({
  readiness: probeSchema.optional(),
  liveness: probeSchema.optional(),
  startup: probeSchema.optional(),
}).superRefine((probes, ctx) => {
  onlyOneSuccess(probes.liveness, ctx, "liveness");
  onlyOneSuccess(probes.startup, ctx, "startup");
});
export type ProbesSpec = z.output<typeof probesSchema>;
