/**
 * Deletes what an app no longer renders: objects carrying the app's labels (managed-by=berth,
 * berth.dev/project, berth.dev/app) of a kind Berth renders, whose name is not in the new set.
 * A hostname removed → its Ingress goes; the last secret variable removed → the Secret goes.
 *
 * PersistentVolumeClaims are kept unless `deleteData` is set: a volume removed from the spec
 * (or a deleted app) must not take the user's data with it by accident. The claim stays, with
 * its labels, until the user asks for it to go.
 */
import type { KubeConfig } from "@kubernetes/client-node";
import { RENDERED_KINDS, sortForDelete } from "@/server/kube/kind-registry";
import { LABEL_APP, LABEL_PROJECT } from "@/server/engine/render/labels";
import { deleteObject } from "@/server/kube/delete-object";
import { listManaged } from "@/server/kube/list-managed";
import { refOf, type KubeObject } from "@/server/kube/kube-object";

export interface PruneOptions {
  /** Also delete PersistentVolumeClaims (and so the data on them). */
  deleteData?: boolean;
  signal?: AbortSignal;
}

/** The app's live objects of the kinds Berth renders (the Namespace excluded). */
export async function listAppObjects(kubeConfig: KubeConfig, project: string, app: string, signal?: AbortSignal): Promise<KubeObject[]> {
  const kinds = RENDERED_KINDS.filter((k) => k.namespaced);
  const lists = await Promise.all(
    kinds.map((k) => listManaged(kubeConfig, k, { namespace: project, labels: { [LABEL_PROJECT]: project, [LABEL_APP]: app }, signal })),
  );
  return lists.flatMap((l) => l.items);
}

/** Deletes the app's objects missing from `keep`; returns what was deleted ("Ingress shop/web"). */
export async function pruneApp(
  kubeConfig: KubeConfig,
  target: { project: string; app: string; keep: readonly KubeObject[] },
  options: PruneOptions = {},
): Promise<string[]> {
  const kept = new Set(target.keep.map(keyOf));
  const live = await listAppObjects(kubeConfig, target.project, target.app, options.signal);
  const doomed = sortForDelete(live.filter((obj) => !kept.has(keyOf(obj)) && (options.deleteData || obj.kind !== "PersistentVolumeClaim")));
  const deleted: string[] = [];
  for (const obj of doomed) {
    if (await deleteObject(kubeConfig, refOf(obj), { signal: options.signal })) deleted.push(`${obj.kind} ${obj.metadata.namespace}/${obj.metadata.name}`);
  }
  return deleted;
}

function keyOf(obj: KubeObject): string {
  return `${obj.kind}/${obj.metadata.namespace ?? ""}/${obj.metadata.name}`;
}
