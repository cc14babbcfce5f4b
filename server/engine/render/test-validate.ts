import { expect } from "vitest";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { StatefulSet } from "kubernetes-models/apps/v1/StatefulSet";
import { CronJob } from "kubernetes-models/batch/v1/CronJob";
import { Job } from "kubernetes-models/batch/v1/Job";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { PersistentVolumeClaim } from "kubernetes-models/v1/PersistentVolumeClaim";
import { Secret } from "kubernetes-models/v1/Secret";
import { Service } from "kubernetes-models/v1/Service";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1/Ingress";

/**
 * Test helper: checks a rendered object against the upstream Kubernetes OpenAPI schema (the
 * per-kind validators `kubernetes-models` compiles from it), plus the API server's checks the
 * schema does not express: the name rule of each kind, label key/value syntax, the 256 KiB
 * annotation budget and a workload selector matching its template labels. Unknown fields are not caught here (the upstream schema allows them); the
 * simulated cluster rejects them under `fieldValidation=Strict`.
 */
const MODELS: Record<string, { apiVersion: string; make: (data: object) => { validate(): void } }> = {
  Namespace: { apiVersion: "v1", make: (d) => new Namespace(d as never) },
  Secret: { apiVersion: "v1", make: (d) => new Secret(d as never) },
  ConfigMap: { apiVersion: "v1", make: (d) => new ConfigMap(d as never) },
  PersistentVolumeClaim: { apiVersion: "v1", make: (d) => new PersistentVolumeClaim(d as never) },
  Service: { apiVersion: "v1", make: (d) => new Service(d as never) },
  Deployment: { apiVersion: "apps/v1", make: (d) => new Deployment(d as never) },
  StatefulSet: { apiVersion: "apps/v1", make: (d) => new StatefulSet(d as never) },
  Ingress: { apiVersion: "networking.k8s.io/v1", make: (d) => new Ingress(d as never) },
  CronJob: { apiVersion: "batch/v1", make: (d) => new CronJob(d as never) },
  Job: { apiVersion: "batch/v1", make: (d) => new Job(d as never) },
};

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function nameProblem(kind: string, name: unknown): string | undefined {
  if (typeof name !== "string" || name === "") return "metadata.name is required";
  if (kind === "Namespace") return name.length <= 63 && LABEL.test(name) ? undefined : `Namespace name "${name}" is not an RFC 1123 label`;
  if (kind === "CronJob" && name.length > 52) return `CronJob name "${name}" is over 52 characters (the controller appends 11 for its Jobs)`;
  if (kind === "Service") return name.length <= 63 && DNS1035.test(name) ? undefined : `Service name "${name}" is not an RFC 1035 label`;
  return name.length <= 253 && SUBDOMAIN.test(name) ? undefined : `${kind} name "${name}" is not an RFC 1123 subdomain`;
}

function keyProblem(key: string): string | undefined {
  const [prefix, name] = key.includes("/") ? key.split("/", 2) : [undefined, key];
  if (prefix !== undefined && (prefix.length > 253 || !SUBDOMAIN.test(prefix))) return `key "${key}" has an invalid prefix`;
  if (name.length > 63 || !QUALIFIED_NAME.test(name)) return `key "${key}" is not a qualified name`;
  return undefined;
}

function labelProblems(where: string, labels: Record<string, string> | undefined): string[] {
  return Object.entries(labels ?? {}).flatMap(([key, value]) => {
    const problems = [keyProblem(key)].filter(Boolean).map((p) => `${where}: ${p}`);
    if (value.length > 63 || !LABEL_VALUE.test(value)) problems.push(`${where}: value "${value}" of ${key} is not a valid label value`);
    return problems;
  });
}

function annotationProblems(where: string, annotations: Record<string, string> | undefined): string[] {
  const entries = Object.entries(annotations ?? {});
  const problems = entries.flatMap(([key]) => [keyProblem(key)].filter(Boolean).map((p) => `${where}: ${p}`));
  const size = entries.reduce((sum, [k, v]) => sum + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
  if (size > 256 * 1024) problems.push(`${where}: annotations total ${size} bytes, over the 256 KiB limit`);
  return problems;
}

/** Every problem the checks find in `obj`, as sentences; empty when it is valid. */
export function kubeObjectProblems(obj: unknown): string[] {
  const o = obj as { apiVersion?: string; kind?: string; metadata?: Record<string, unknown>; spec?: { template?: { metadata?: Record<string, unknown> } } };
  const model = MODELS[o?.kind ?? ""];
  if (!model) return [`unknown kind ${String(o?.kind)}`];
  if (o.apiVersion !== model.apiVersion) return [`${o.kind} must have apiVersion ${model.apiVersion}, not ${String(o.apiVersion)}`];
  const problems: string[] = [];
  try {
    model.make(o).validate();
  } catch (error) {
    problems.push(`schema: ${(error as Error).message}`);
  }
  const meta = (o.metadata ?? {}) as { name?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  const name = nameProblem(o.kind!, meta.name);
  if (name) problems.push(name);
  problems.push(...labelProblems("metadata.labels", meta.labels), ...annotationProblems("metadata.annotations", meta.annotations));
  const template = o.spec?.template?.metadata as typeof meta | undefined;
  if (template) {
    problems.push(...labelProblems("spec.template.metadata.labels", template.labels));
    problems.push(...annotationProblems("spec.template.metadata.annotations", template.annotations));
    const selector = (o.spec as { selector?: { matchLabels?: Record<string, string> } }).selector?.matchLabels ?? {};
    for (const [key, value] of Object.entries(selector)) {
      if (template.labels?.[key] !== value) problems.push(`spec.selector: ${key}=${value} does not match the template labels`);
    }
  }
  const jobTemplate = (o.spec as { jobTemplate?: { metadata?: typeof meta; spec?: { template?: { metadata?: typeof meta } } } } | undefined)?.jobTemplate;
  if (jobTemplate) {
    problems.push(...labelProblems("spec.jobTemplate.metadata.labels", jobTemplate.metadata?.labels));
    problems.push(...labelProblems("spec.jobTemplate.spec.template.metadata.labels", jobTemplate.spec?.template?.metadata?.labels));
  }
  return problems;
}

/** Fails the test with every problem of `obj` listed (see {@link kubeObjectProblems}). */
export function expectValidKubeObject(obj: unknown): void {
  expect(kubeObjectProblems(obj), `${(obj as { kind?: string })?.kind} should be valid`).toEqual([]);
}
