import { numberOrText } from "@/lib/apps/form-text";
import type { ProbeSpec } from "@/lib/schemas/probe";
import type { SecurityContextSpec } from "@/lib/schemas/security-context";

/**
 * The app form's "Advanced" values (user, group, volume ownership, probes) as typed, and their
 * mapping to the spec. Numbers stay text when they are not numbers, so the shared schema names
 * the field; an empty field is left out and gets the default.
 */
export const PROBE_KINDS = ["readiness", "liveness", "startup"] as const;
export type ProbeKind = (typeof PROBE_KINDS)[number];

export type ProbeFormValues = {
  type: "" | "http" | "tcp" | "command";
  path: string;
  port: string;
  /** One argv item per line: the kubelet runs it without a shell. */
  command: string;
  initialDelaySeconds: string;
  periodSeconds: string;
  timeoutSeconds: string;
  failureThreshold: string;
};

export type AdvancedFormValues = {
  runAsUser: string;
  runAsGroup: string;
  fsGroup: string;
  /** Empty: OnRootMismatch, the rendered default. */
  fsGroupChangePolicy: "" | "Always";
  readOnlyRootFilesystem: boolean;
  probes: Record<ProbeKind, ProbeFormValues>;
};

export const emptyProbeForm: ProbeFormValues = { type: "", path: "", port: "", command: "", initialDelaySeconds: "", periodSeconds: "", timeoutSeconds: "", failureThreshold: "" };

export const emptyAdvancedForm: AdvancedFormValues = {
  runAsUser: "",
  runAsGroup: "",
  fsGroup: "",
  fsGroupChangePolicy: "",
  readOnlyRootFilesystem: false,
  probes: { readiness: emptyProbeForm, liveness: emptyProbeForm, startup: emptyProbeForm },
};

const text = (value: number | undefined) => (value === undefined ? "" : String(value));
const dropUndefined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

function probeInput(p: ProbeFormValues): Record<string, unknown> | undefined {
  if (p.type === "") return undefined;
  const timing = {
    initialDelaySeconds: numberOrText(p.initialDelaySeconds),
    periodSeconds: numberOrText(p.periodSeconds),
    timeoutSeconds: numberOrText(p.timeoutSeconds),
    failureThreshold: numberOrText(p.failureThreshold),
  };
  const target =
    p.type === "http"
      ? { path: p.path.trim(), port: numberOrText(p.port) }
      : p.type === "tcp"
        ? { port: numberOrText(p.port) }
        : { command: p.command.split("\n").map((l) => l.trim()).filter(Boolean) };
  return dropUndefined({ type: p.type, ...target, ...timing });
}

/** The `securityContext` and `probes` parts of the spec to send (undefined when all empty). */
export function advancedSpecInput(values: AdvancedFormValues): { securityContext?: Record<string, unknown>; probes?: Record<string, unknown> } {
  const securityContext = dropUndefined({
    runAsUser: numberOrText(values.runAsUser),
    runAsGroup: numberOrText(values.runAsGroup),
    fsGroup: numberOrText(values.fsGroup),
    fsGroupChangePolicy: values.fsGroupChangePolicy || undefined,
    readOnlyRootFilesystem: values.readOnlyRootFilesystem || undefined,
  });
  const probes = dropUndefined(Object.fromEntries(PROBE_KINDS.map((kind) => [kind, probeInput(values.probes[kind])])));
  return {
    ...(Object.keys(securityContext).length > 0 ? { securityContext } : {}),
    ...(Object.keys(probes).length > 0 ? { probes } : {}),
  };
}

function probeForm(p: ProbeSpec | undefined): ProbeFormValues {
  if (!p) return emptyProbeForm;
  return {
    type: p.type,
    path: p.type === "http" ? p.path : "",
    port: p.type === "command" ? "" : text(p.port),
    command: p.type === "command" ? p.command.join("\n") : "",
    initialDelaySeconds: text(p.initialDelaySeconds),
    periodSeconds: text(p.periodSeconds),
    timeoutSeconds: text(p.timeoutSeconds),
    failureThreshold: text(p.failureThreshold),
  };
}

/** The Advanced values from a stored spec. */
export function advancedFromSpec(spec: { securityContext?: SecurityContextSpec; probes?: Partial<Record<ProbeKind, ProbeSpec>> }): AdvancedFormValues {
  const sc = spec.securityContext ?? {};
  return {
    runAsUser: text(sc.runAsUser),
    runAsGroup: text(sc.runAsGroup),
    fsGroup: text(sc.fsGroup),
    fsGroupChangePolicy: sc.fsGroupChangePolicy === "Always" ? "Always" : "",
    readOnlyRootFilesystem: sc.readOnlyRootFilesystem ?? false,
    probes: { readiness: probeForm(spec.probes?.readiness), liveness: probeForm(spec.probes?.liveness), startup: probeForm(spec.probes?.startup) },
  };
}
