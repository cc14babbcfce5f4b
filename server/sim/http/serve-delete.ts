/**
 * delete and deletecollection. DeleteOptions come from the body (client-node, kubectl) or the
 * query. A delete returns the object while it still exists (finalizers, a Terminating
 * namespace, pods) and otherwise a Success Status, as kube-apiserver does.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { SimError } from "@/server/sim/contract";
import { apiVersionOf, refOf } from "@/server/sim/kinds/kind-registry";
import type { ResourceRequest } from "@/server/sim/http/parse-request-path";
import { decodeJson, readBody } from "@/server/sim/http/read-body";
import { getOrThrow, matcherFor } from "@/server/sim/http/serve-read";
import { isDryRun } from "@/server/sim/http/prepare-write";
import { badRequest, sendJson } from "@/server/sim/http/status";
import type { MemoryStore } from "@/server/sim/store/memory-store";

type Policy = "Foreground" | "Background" | "Orphan";

async function deleteOptions(req: IncomingMessage, query: URLSearchParams) {
  const text = await readBody(req);
  const body = (text.trim() ? decodeJson(text) : {}) as { propagationPolicy?: string; dryRun?: string[]; orphanDependents?: boolean; preconditions?: { uid?: string; resourceVersion?: string } };
  const policy = (query.get("propagationPolicy") ?? body.propagationPolicy ?? (body.orphanDependents ? "Orphan" : "Background")) as Policy;
  if (!["Foreground", "Background", "Orphan"].includes(policy)) {
    throw new SimError(422, "Invalid", `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan", "nil"`);
  }
  const dryRun = isDryRun(query) || (body.dryRun ?? []).includes("All");
  return { policy, dryRun, preconditions: body.preconditions };
}

export async function serveDelete(req: IncomingMessage, res: ServerResponse, store: MemoryStore, r: ResourceRequest, query: URLSearchParams): Promise<void> {
  if (r.subresource) throw badRequest("the server does not allow this method on the requested resource");
  const { policy, dryRun, preconditions } = await deleteOptions(req, query);
  const obj = getOrThrow(store, r);
  if (r.kind.kind === "Namespace" && ["default", "kube-system", "kube-public"].includes(obj.metadata.name)) {
    throw new SimError(403, "Forbidden", `namespaces "${obj.metadata.name}" is forbidden: this namespace may not be deleted`, { name: obj.metadata.name, kind: "namespaces" });
  }
  if (preconditions?.uid && preconditions.uid !== obj.metadata.uid) {
    throw new SimError(409, "Conflict", `Precondition failed: UID in precondition: ${preconditions.uid}, UID in object meta: ${obj.metadata.uid}`);
  }
  if (preconditions?.resourceVersion && preconditions.resourceVersion !== obj.metadata.resourceVersion) {
    throw new SimError(409, "Conflict", `Precondition failed: ResourceVersion in precondition: ${preconditions.resourceVersion}, ResourceVersion in object meta: ${obj.metadata.resourceVersion}`);
  }
  if (dryRun) {
    sendJson(res, 200, obj);
    return;
  }
  const result = store.delete(refOf(r.kind), r.namespace, r.name!, { propagationPolicy: policy });
  const stillThere = store.peek(refOf(r.kind), r.namespace, r.name!);
  if (stillThere || r.kind.kind === "Pod") {
    sendJson(res, 200, stillThere ?? result);
    return;
  }
  sendJson(res, 200, { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", details: { name: r.name, group: r.kind.group, kind: r.kind.plural, uid: obj.metadata.uid } });
}

export async function serveDeleteCollection(req: IncomingMessage, res: ServerResponse, store: MemoryStore, r: ResourceRequest, query: URLSearchParams): Promise<void> {
  const { policy, dryRun } = await deleteOptions(req, query);
  const match = matcherFor(r.kind, query);
  const victims = store.listRaw(refOf(r.kind), r.namespace).filter(match).map((o) => structuredClone(o));
  if (!dryRun) for (const o of victims) store.delete(refOf(r.kind), o.metadata.namespace, o.metadata.name, { propagationPolicy: policy });
  const items = victims.map(({ apiVersion: _a, kind: _k, ...rest }) => rest);
  sendJson(res, 200, { kind: `${r.kind.kind}List`, apiVersion: apiVersionOf(r.kind), metadata: { resourceVersion: store.currentResourceVersion() }, items });
}
