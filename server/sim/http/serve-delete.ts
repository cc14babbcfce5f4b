/**
 * delete and deletecollection. DeleteOptions come from the body (client-node, kubectl) or the
 * query. A delete returns the object while it still exists (finalizers, a Terminating
 * namespace, pods) and otherwise a Success Status, as kube-apiserver does.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { SimError, type KubeObject } from "@/server/sim/contract";
import { apiVersionOf, refOf } from "@/server/sim/kinds/kind-registry";
import type { ResourceRequest } from "@/server/sim/http/parse-request-path";
import { decodeJson, readBody } from "@/server/sim/http/read-body";
import { getOrThrow, matcherFor } from "@/server/sim/http/serve-read";
import { isDryRun } from "@/server/sim/http/prepare-write";
import { badRequest, sendJson } from "@/server/sim/http/status";
import { objectDetails, type MemoryStore } from "@/server/sim/store/memory-store";
import { simClock, simNowIso } from "@/server/sim/controllers/sim-clock";

type Policy = "Foreground" | "Background" | "Orphan";

async function deleteOptions(req: IncomingMessage, query: URLSearchParams) {
  const text = await readBody(req);
  const body = (text.trim() ? decodeJson(text) : {}) as { propagationPolicy?: string; dryRun?: string[]; orphanDependents?: boolean; gracePeriodSeconds?: number; preconditions?: { uid?: string; resourceVersion?: string } };
  const policy = (query.get("propagationPolicy") ?? body.propagationPolicy ?? (body.orphanDependents ? "Orphan" : "Background")) as Policy;
  if (!["Foreground", "Background", "Orphan"].includes(policy)) {
    throw new SimError(422, "Invalid", `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan", "nil"`);
  }
  const dryRun = isDryRun(query) || (body.dryRun ?? []).includes("All");
  const grace = query.get("gracePeriodSeconds") ?? body.gracePeriodSeconds;
  return { policy, dryRun, preconditions: body.preconditions, gracePeriodSeconds: grace === undefined || grace === null ? undefined : Number(grace) };
}

/**
 * A failed precondition names the Kind, not the resource (rest.BeforeDelete builds the
 * GroupResource from the object's GroupVersionKind).
 */
function checkPreconditions(obj: KubeObject, group: string, preconditions: { uid?: string; resourceVersion?: string } | undefined): void {
  const fail = (message: string) => {
    const qualified = group ? `${obj.kind}.${group}` : obj.kind;
    throw new SimError(409, "Conflict", `Operation cannot be fulfilled on ${qualified} "${obj.metadata.name}": ${message}`, group ? { name: obj.metadata.name, group, kind: obj.kind } : { name: obj.metadata.name, kind: obj.kind });
  };
  if (preconditions?.uid && preconditions.uid !== obj.metadata.uid) {
    fail(`the UID in the precondition (${preconditions.uid}) does not match the UID in record (${obj.metadata.uid}). The object might have been deleted and then recreated`);
  }
  if (preconditions?.resourceVersion && preconditions.resourceVersion !== obj.metadata.resourceVersion) {
    fail(`the ResourceVersion in the precondition (${preconditions.resourceVersion}) does not match the ResourceVersion in record (${obj.metadata.resourceVersion}). The object might have been modified`);
  }
}

/**
 * Seconds a pod gets to stop (the option, else its terminationGracePeriodSeconds). A pod no
 * kubelet runs (unscheduled or finished) goes at once.
 */
function podGracePeriod(pod: KubeObject, requested: number | undefined): number {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  if (!(pod.spec as { nodeName?: string } | undefined)?.nodeName || phase === "Succeeded" || phase === "Failed") return 0;
  return requested ?? (pod.spec as { terminationGracePeriodSeconds?: number }).terminationGracePeriodSeconds ?? 30;
}

/** What a delete leaves behind: the object marked for deletion, or nothing (removed at once). */
function markedForDeletion(obj: KubeObject, policy: Policy, graceSeconds: number): KubeObject | undefined {
  if (obj.metadata.deletionTimestamp) return obj;
  const marked = structuredClone(obj);
  if (graceSeconds > 0) {
    marked.metadata.deletionTimestamp = new Date(simClock.now() + graceSeconds * 1000).toISOString().replace(/\.\d+Z$/, "Z");
    marked.metadata.deletionGracePeriodSeconds = graceSeconds;
    return marked;
  }
  const finalizers = [...(obj.metadata.finalizers ?? []), ...(policy === "Foreground" ? ["foregroundDeletion"] : [])];
  if (finalizers.length === 0) return undefined;
  marked.metadata.deletionTimestamp = simNowIso();
  marked.metadata.deletionGracePeriodSeconds = 0;
  marked.metadata.finalizers = [...new Set(finalizers)];
  return marked;
}

export async function serveDelete(req: IncomingMessage, res: ServerResponse, store: MemoryStore, r: ResourceRequest, query: URLSearchParams): Promise<void> {
  if (r.subresource) throw badRequest("the server does not allow this method on the requested resource");
  const { policy, dryRun, preconditions, gracePeriodSeconds } = await deleteOptions(req, query);
  const obj = getOrThrow(store, r);
  if (r.kind.kind === "Namespace" && ["default", "kube-system", "kube-public"].includes(obj.metadata.name)) {
    throw new SimError(403, "Forbidden", `namespaces "${obj.metadata.name}" is forbidden: this namespace may not be deleted`, { name: obj.metadata.name, kind: "namespaces" });
  }
  checkPreconditions(obj, r.kind.group, preconditions);
  const grace = r.kind.kind === "Pod" ? podGracePeriod(obj, gracePeriodSeconds) : 0;
  const success = { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", details: { ...objectDetails(r.kind, obj.metadata.name), uid: obj.metadata.uid } };
  if (dryRun) {
    // A dry run answers what the delete would have: Namespaces always linger as Terminating.
    const left = r.kind.kind === "Namespace" ? obj : markedForDeletion(obj, policy, grace);
    sendJson(res, 200, left ?? success);
    return;
  }
  if (grace > 0) {
    const marked = markedForDeletion(obj, policy, grace)!;
    sendJson(res, 200, obj.metadata.deletionTimestamp ? obj : store.update(refOf(r.kind), marked, { checkResourceVersion: false }));
    return;
  }
  const result = store.delete(refOf(r.kind), r.namespace, r.name!, { propagationPolicy: policy });
  const stillThere = store.peek(refOf(r.kind), r.namespace, r.name!);
  // A pod deleted at once is still answered with its last state, as kube-apiserver does.
  if (stillThere || r.kind.kind === "Pod") {
    sendJson(res, 200, stillThere ?? result);
    return;
  }
  sendJson(res, 200, success);
}

export async function serveDeleteCollection(req: IncomingMessage, res: ServerResponse, store: MemoryStore, r: ResourceRequest, query: URLSearchParams): Promise<void> {
  const { policy, dryRun } = await deleteOptions(req, query);
  const match = matcherFor(r.kind, query);
  const victims = store.listRaw(refOf(r.kind), r.namespace).filter(match).map((o) => structuredClone(o));
  if (!dryRun) for (const o of victims) store.delete(refOf(r.kind), o.metadata.namespace, o.metadata.name, { propagationPolicy: policy });
  const items = victims.map(({ apiVersion: _a, kind: _k, ...rest }) => rest);
  sendJson(res, 200, { kind: `${r.kind.kind}List`, apiVersion: apiVersionOf(r.kind), metadata: { resourceVersion: store.currentResourceVersion() }, items });
}
