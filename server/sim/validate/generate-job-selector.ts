/**
 * What kube-apiserver's Job strategy adds to a new Job (generateSelector): unless
 * `spec.manualSelector`, the pod template gets the controller-uid and job-name labels (both the
 * `batch.kubernetes.io/` and the legacy spellings) and the selector matches the uid. A Job
 * created without labels shows the template's (defaulting shares the map in Go; 07f records it).
 */
import type { KubeObject } from "@/server/sim/contract";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function generateJobSelector(job: KubeObject): void {
  const spec = (job.spec ?? {}) as Obj;
  if (spec.manualSelector) return;
  const uid = job.metadata.uid ?? "";
  const name = job.metadata.name;
  spec.template ??= {};
  spec.template.metadata ??= {};
  spec.template.metadata.labels = {
    ...(spec.template.metadata.labels ?? {}),
    "batch.kubernetes.io/controller-uid": uid,
    "batch.kubernetes.io/job-name": name,
    "controller-uid": uid,
    "job-name": name,
  };
  spec.selector = { matchLabels: { "batch.kubernetes.io/controller-uid": uid } };
  if (!job.metadata.labels || Object.keys(job.metadata.labels).length === 0) job.metadata.labels = { ...spec.template.metadata.labels };
}
