/**
 * kube-apiserver's checks of probes and security contexts (pkg/apis/core/validation:
 * validateProbe, ValidatePodSecurityContext, ValidateSecurityContext), with the real messages:
 * a probe has exactly one handler, liveness and startup probes succeed after exactly one check,
 * and user and group ids lie in 0..2147483647.
 */
import { invalid, required, type Cause } from "@/server/sim/validate/causes";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const HANDLERS = ["exec", "httpGet", "tcpSocket", "grpc"];
const ID_MSG = "must be between 0 and 2147483647, inclusive";

function checkProbe(probe: Any, field: string, isReadiness: boolean): Cause[] {
  if (!probe || typeof probe !== "object") return [];
  const causes: Cause[] = [];
  const handlers = HANDLERS.filter((h) => probe[h] !== undefined && probe[h] !== null);
  if (handlers.length === 0) causes.push(required(field, "must specify a handler type"));
  if (handlers.length > 1) causes.push({ reason: "FieldValueForbidden", message: "Forbidden: may not specify more than 1 handler type", field: `${field}.${handlers[1]}` });
  if (!isReadiness && probe.successThreshold !== undefined && probe.successThreshold !== 1) causes.push(invalid(`${field}.successThreshold`, probe.successThreshold, "must be 1"));
  for (const key of ["initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"]) {
    if (typeof probe[key] === "number" && probe[key] < 0) causes.push(invalid(`${field}.${key}`, probe[key], "must be greater than or equal to 0"));
  }
  return causes;
}

function checkIds(sc: Any, field: string, keys: string[]): Cause[] {
  if (!sc || typeof sc !== "object") return [];
  return keys.filter((k) => typeof sc[k] === "number" && (sc[k] < 0 || sc[k] > 2147483647)).map((k) => invalid(`${field}.${k}`, sc[k], ID_MSG));
}

/** Probe and security-context causes for a pod spec at `path` (e.g. `spec.template.spec`). */
export function checkRuntime(spec: Any, path: string): Cause[] {
  const causes = checkIds(spec?.securityContext, `${path}.securityContext`, ["runAsUser", "runAsGroup", "fsGroup"]);
  const policy = spec?.securityContext?.fsGroupChangePolicy;
  if (policy !== undefined && policy !== "OnRootMismatch" && policy !== "Always") {
    causes.push({ reason: "FieldValueNotSupported", message: `Unsupported value: ${JSON.stringify(policy)}: supported values: "OnRootMismatch", "Always"`, field: `${path}.securityContext.fsGroupChangePolicy` });
  }
  (spec?.containers ?? []).forEach((c: Any, i: number) => {
    const p = `${path}.containers[${i}]`;
    causes.push(...checkIds(c?.securityContext, `${p}.securityContext`, ["runAsUser", "runAsGroup"]));
    causes.push(...checkProbe(c?.livenessProbe, `${p}.livenessProbe`, false), ...checkProbe(c?.readinessProbe, `${p}.readinessProbe`, true), ...checkProbe(c?.startupProbe, `${p}.startupProbe`, false));
  });
  return causes;
}
