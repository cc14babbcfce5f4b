/**
 * Applies an app's rendered objects with server-side apply, in dependency order: objects of one
 * kind go together (in parallel), kinds one after another, so what a Deployment mounts or reads
 * exists before it does and the Ingress follows its Service.
 * https://kubernetes.io/docs/reference/using-api/server-side-apply/
 */
import type { KubeConfig } from "@kubernetes/client-node";
import { applyObject } from "@/server/kube/apply-object";
import { applyOrderOf, sortForApply } from "@/server/kube/kind-registry";
import type { KubeObject } from "@/server/kube/kube-object";

export interface ApplyObjectsOptions {
  /** Take back fields other managers changed — only for an explicit re-apply after drift. */
  force?: boolean;
  signal?: AbortSignal;
}

/** Returns the live objects, in apply order. Stops at the first kind that fails. */
export async function applyObjects(kubeConfig: KubeConfig, objects: readonly KubeObject[], options: ApplyObjectsOptions = {}): Promise<KubeObject[]> {
  const sorted = sortForApply(objects);
  const groups: KubeObject[][] = [];
  for (const obj of sorted) {
    const last = groups.at(-1);
    if (last && applyOrderOf(last[0]) === applyOrderOf(obj)) last.push(obj);
    else groups.push([obj]);
  }
  const live: KubeObject[] = [];
  for (const group of groups) {
    live.push(...(await Promise.all(group.map((obj) => applyObject(kubeConfig, obj, { force: options.force, signal: options.signal })))));
  }
  return live;
}
