/**
 * The API server's container checks for pods/log and pods/exec, with its exact messages:
 * a container must be named when the pod has several, and must be one of the pod's.
 */
import { SimError, type KubeObject } from "@/server/sim/contract";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function resolveContainer(pod: KubeObject, requested: string | null): string {
  const spec = pod.spec as Obj;
  const names: string[] = (spec.containers ?? []).map((c: Obj) => c.name);
  const inits: string[] = (spec.initContainers ?? []).map((c: Obj) => c.name);
  if (!requested) {
    if (names.length === 1) return names[0];
    // One list, init containers first, as kube-apiserver v1.28 prints it (recording 06-10).
    throw new SimError(400, "BadRequest", `a container name must be specified for pod ${pod.metadata.name}, choose one of: [${[...inits, ...names].join(" ")}]`);
  }
  if (!names.includes(requested) && !inits.includes(requested)) {
    throw new SimError(400, "BadRequest", `container ${requested} is not valid for pod ${pod.metadata.name}`);
  }
  return requested;
}

export function containerStatusOf(pod: KubeObject, name: string): Obj | undefined {
  const s = (pod.status ?? {}) as Obj;
  return [...(s.containerStatuses ?? []), ...(s.initContainerStatuses ?? [])].find((c: Obj) => c.name === name);
}

export function statusBody(err: SimError): string {
  return JSON.stringify({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: err.message, reason: err.reason, code: err.code, ...(err.details ? { details: err.details } : {}) });
}
