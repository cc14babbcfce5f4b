/**
 * The semantic validation kube-apiserver runs after decoding, for the checks Berth's users hit:
 * object names (RFC 1123 subdomain / label, RFC 1035 label), required fields, and a workload's
 * selector matching its template labels. Causes and messages copy k8s.io/apimachinery's
 * validation package word for word, so the 422 Status reads exactly like a real cluster's.
 */
import { SimError, type KubeObject } from "@/server/sim/contract";
import type { KindDescriptor } from "@/server/sim/kinds/kind-registry";
import { SUBDOMAIN, SUBDOMAIN_MSG, invalid, required, type Cause } from "@/server/sim/validate/causes";
import { checkContainers, checkIngress, checkLabels, checkPersistentVolumeClaim, checkService } from "@/server/sim/validate/validate-specs";

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035_MSG = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

function checkName(field: string, name: string, rule: "subdomain" | "label" | "dns1035"): Cause[] {
  const causes: Cause[] = [];
  const max = rule === "subdomain" ? 253 : 63;
  if (name.length > max) causes.push(invalid(field, name, `must be no more than ${max} characters`));
  const [re, msg] = rule === "subdomain" ? [SUBDOMAIN, SUBDOMAIN_MSG] : rule === "label" ? [LABEL, LABEL_MSG] : [DNS1035, DNS1035_MSG];
  if (!re.test(name)) causes.push(invalid(field, name, msg));
  return causes;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

function checkPodSpec(spec: Any, path: string): Cause[] {
  const causes: Cause[] = [];
  const containers: Any[] | undefined = spec?.containers;
  if (!containers || containers.length === 0) return [required(`${path}.containers`)];
  containers.forEach((c, i) => {
    const p = `${path}.containers[${i}]`;
    if (!c?.name) causes.push(required(`${p}.name`));
    else causes.push(...checkName(`${p}.name`, c.name, "label"));
    if (!c?.image) causes.push(required(`${p}.image`));
  });
  causes.push(...checkContainers(spec, path));
  return causes;
}

function selectorMatches(selector: Any, labels: Record<string, string> | undefined): boolean {
  if (!selector) return false;
  const ml: Record<string, string> = selector?.matchLabels ?? {};
  return Object.entries(ml).every(([k, v]) => labels?.[k] === v);
}

/**
 * A StatefulSet's containers may mount its volumeClaimTemplates by name: the controller adds
 * those volumes to each pod, so the API server accepts the mounts (recording 07e).
 */
function withClaimVolumes(spec: Any): Any {
  const claims = Array.isArray(spec?.volumeClaimTemplates) ? spec.volumeClaimTemplates : [];
  if (!spec?.template?.spec || claims.length === 0) return spec?.template?.spec;
  return { ...spec.template.spec, volumes: [...(spec.template.spec.volumes ?? []), ...claims.map((c: Any) => ({ name: c?.metadata?.name }))] };
}

function checkWorkload(obj: Any, kind: string): Cause[] {
  const spec = obj.spec;
  const causes: Cause[] = [];
  if (kind !== "Job" && !spec?.selector) causes.push(required("spec.selector"));
  const labels = spec?.template?.metadata?.labels;
  causes.push(...checkLabels(labels, "spec.template.metadata.labels"));
  // A missing selector selects nothing, so the real validator reports the mismatch as well.
  if (kind !== "Job" && !selectorMatches(spec?.selector, labels)) {
    causes.push(invalid("spec.template.metadata.labels", labels, "`selector` does not match template `labels`"));
  }
  if (spec?.replicas !== undefined && spec.replicas < 0) causes.push(invalid("spec.replicas", spec.replicas, "must be greater than or equal to 0"));
  causes.push(...checkPodSpec(kind === "StatefulSet" ? withClaimVolumes(spec) : spec?.template?.spec, "spec.template.spec"));
  return causes;
}

/** Throws the 422 Invalid Status when `obj` would be rejected by the real API server. */
export function validateObject(kind: KindDescriptor, obj: KubeObject): void {
  const causes: Cause[] = [];
  const name = obj.metadata?.name;
  if (!name && !obj.metadata?.generateName) causes.push(required("metadata.name", "name or generateName is required"));
  if (name) causes.push(...checkName("metadata.name", name, kind.nameRule ?? "subdomain"));
  if (obj.metadata?.namespace && kind.namespaced) causes.push(...checkName("metadata.namespace", obj.metadata.namespace, "label"));
  causes.push(...checkLabels(obj.metadata?.labels, "metadata.labels"));
  if (kind.kind === "Service") causes.push(...checkService(obj));
  if (kind.kind === "PersistentVolumeClaim") causes.push(...checkPersistentVolumeClaim(obj));
  if (kind.kind === "Ingress") causes.push(...checkIngress(obj));
  if (["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job"].includes(kind.kind)) causes.push(...checkWorkload(obj, kind.kind));
  if (kind.kind === "Pod") causes.push(...checkPodSpec((obj as Any).spec, "spec"));
  if (causes.length === 0) return;
  throw invalidError(kind, name ?? obj.metadata?.generateName ?? "", causes);
}

export function invalidError(kind: KindDescriptor, name: string, causes: Cause[]): SimError {
  const qualified = kind.group ? `${kind.kind}.${kind.group}` : kind.kind;
  const texts = causes.map((c) => `${c.field}: ${c.message}`);
  const summary = texts.length === 1 ? texts[0] : `[${texts.join(", ")}]`;
  return new SimError(422, "Invalid", `${qualified} "${name}" is invalid: ${summary}`, { name, group: kind.group, kind: kind.kind, causes });
}

/** Go's %#v of a metav1.LabelSelector, as the immutable-selector message prints it. */
function goLabelSelector(sel: Any): string {
  const labels = Object.entries((sel?.matchLabels ?? {}) as Record<string, string>)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`)
    .join(", ");
  const exprs = sel?.matchExpressions?.length
    ? `[]v1.LabelSelectorRequirement{${sel.matchExpressions.map((e: Any) => `v1.LabelSelectorRequirement{Key:${JSON.stringify(e.key)}, Operator:${JSON.stringify(e.operator)}, Values:[]string{${(e.values ?? []).map((v: string) => JSON.stringify(v)).join(", ")}}}`).join(", ")}}`
    : "[]v1.LabelSelectorRequirement(nil)";
  return `v1.LabelSelector{MatchLabels:map[string]string{${labels}}, MatchExpressions:${exprs}}`;
}

/** Update-only rules: a workload's selector never changes after creation (apps/v1). */
export function validateUpdate(kind: KindDescriptor, old: KubeObject, next: KubeObject): void {
  if (!["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet"].includes(kind.kind)) return;
  const before = (old as Any).spec?.selector;
  const after = (next as Any).spec?.selector;
  if (JSON.stringify(before ?? null) === JSON.stringify(after ?? null)) return;
  throw invalidError(kind, next.metadata.name, [{ reason: "FieldValueInvalid", field: "spec.selector", message: `Invalid value: ${goLabelSelector(after)}: field is immutable` }]);
}
