/**
 * Field-level checks from kube-apiserver's validation (pkg/apis/core/validation and
 * k8s.io/apimachinery/pkg/util/validation) for what Berth renders: label keys and values,
 * ports, environment variable names, volume mounts, Service ports, PVC requests and Ingress
 * rules. Messages are the real ones, so a test against the sim reads like one against k3s.
 */
import { parseQuantity } from "@/lib/schemas/quantity";
import { SUBDOMAIN, SUBDOMAIN_MSG, invalid, notFoundCause, required, type Cause } from "@/server/sim/validate/causes";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_VALUE_MSG = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const NAME_PART_MSG = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const ENV_NAME_MSG = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";
const PORT_MSG = "must be between 1 and 65535, inclusive";

export function checkLabels(labels: Record<string, unknown> | undefined, field: string): Cause[] {
  const causes: Cause[] = [];
  for (const [key, value] of Object.entries(labels ?? {})) {
    const slash = key.lastIndexOf("/");
    const prefix = slash >= 0 ? key.slice(0, slash) : "";
    const name = slash >= 0 ? key.slice(slash + 1) : key;
    if (slash >= 0 && (!SUBDOMAIN.test(prefix) || prefix.length > 253)) causes.push(invalid(field, key, `prefix part ${SUBDOMAIN_MSG}`));
    if (name.length > 63) causes.push(invalid(field, key, "name part must be no more than 63 characters"));
    if (!NAME_PART.test(name)) causes.push(invalid(field, key, NAME_PART_MSG));
    const v = String(value);
    if (v.length > 63) causes.push(invalid(field, v, "must be no more than 63 characters"));
    if (!LABEL_VALUE.test(v)) causes.push(invalid(field, v, LABEL_VALUE_MSG));
  }
  return causes;
}

function checkPort(value: unknown, field: string): Cause[] {
  return typeof value === "number" && (value < 1 || value > 65535) ? [invalid(field, value, PORT_MSG)] : [];
}

/**
 * A request above its limit (ValidateResourceRequirements): `Invalid value: "2": must be less
 * than or equal to cpu limit of 1`, on the requests as a whole. The values print as written; a
 * real server prints them canonical ("0.5" as "500m"), which Berth's own renderings already are.
 */
function checkRequestsWithinLimits(resources: Any, path: string): Cause[] {
  const causes: Cause[] = [];
  for (const [name, request] of Object.entries<Any>(resources?.requests ?? {})) {
    const limit = resources?.limits?.[name];
    if (limit === undefined) continue;
    const [r, l] = [parseQuantity(String(request)), parseQuantity(String(limit))];
    if (r !== undefined && l !== undefined && r > l) causes.push(invalid(`${path}.resources.requests`, String(request), `must be less than or equal to ${name} limit of ${String(limit)}`));
  }
  return causes;
}

/** Container-level checks shared by Pods and every pod template. */
export function checkContainers(spec: Any, path: string): Cause[] {
  const causes: Cause[] = [];
  const volumes = new Set((spec?.volumes ?? []).map((v: Any) => v?.name));
  (spec?.containers ?? []).forEach((c: Any, i: number) => {
    const p = `${path}.containers[${i}]`;
    (c?.ports ?? []).forEach((port: Any, j: number) => causes.push(...checkPort(port?.containerPort, `${p}.ports[${j}].containerPort`)));
    (c?.env ?? []).forEach((e: Any, j: number) => {
      if (!e?.name) causes.push(required(`${p}.env[${j}].name`));
      else if (!ENV_NAME.test(e.name)) causes.push(invalid(`${p}.env[${j}].name`, e.name, ENV_NAME_MSG));
    });
    (c?.volumeMounts ?? []).forEach((m: Any, j: number) => {
      if (!m?.name) causes.push(required(`${p}.volumeMounts[${j}].name`));
      else if (!volumes.has(m.name)) causes.push(notFoundCause(`${p}.volumeMounts[${j}].name`, m.name));
      if (!m?.mountPath) causes.push(required(`${p}.volumeMounts[${j}].mountPath`));
    });
    causes.push(...checkRequestsWithinLimits(c?.resources, p));
  });
  // As the API server orders them: the containers' errors, then the init containers'.
  (spec?.initContainers ?? []).forEach((c: Any, i: number) => causes.push(...checkRequestsWithinLimits(c?.resources, `${path}.initContainers[${i}]`)));
  return causes;
}

export function checkService(o: Any): Cause[] {
  const causes: Cause[] = [];
  const ports: Any[] = o.spec?.ports ?? [];
  if (ports.length === 0 && (o.spec?.type ?? "ClusterIP") !== "ExternalName" && o.spec?.clusterIP !== "None") causes.push(required("spec.ports"));
  ports.forEach((p, i) => {
    if (ports.length > 1 && !p?.name) causes.push(required(`spec.ports[${i}].name`));
    causes.push(...checkPort(p?.port, `spec.ports[${i}].port`));
    if (typeof p?.targetPort === "number") causes.push(...checkPort(p.targetPort, `spec.ports[${i}].targetPort`));
  });
  return causes;
}

export function checkPersistentVolumeClaim(o: Any): Cause[] {
  const causes: Cause[] = [];
  if (!o.spec?.accessModes?.length) causes.push(required("spec.accessModes", "at least 1 access mode is required"));
  if (!o.spec?.resources?.requests?.storage) causes.push(required("spec.resources[storage]"));
  return causes;
}

export function checkIngress(o: Any): Cause[] {
  const causes: Cause[] = [];
  (o.spec?.rules ?? []).forEach((rule: Any, i: number) => {
    if (rule?.host && !SUBDOMAIN.test(rule.host.replace(/^\*\./, ""))) causes.push(invalid(`spec.rules[${i}].host`, rule.host, SUBDOMAIN_MSG));
    (rule?.http?.paths ?? []).forEach((p: Any, j: number) => {
      const at = `spec.rules[${i}].http.paths[${j}]`;
      if (!p?.pathType) causes.push(required(`${at}.pathType`, "pathType must be specified"));
      const svc = p?.backend?.service;
      if (svc) {
        if (!svc.name) causes.push(required(`${at}.backend.service.name`));
        if (!svc.port || (svc.port.number === undefined && !svc.port.name)) causes.push(required(`${at}.backend.service.port`, "port name or number is required"));
      }
    });
  });
  return causes;
}
