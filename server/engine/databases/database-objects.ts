/**
 * Applying and removing a database's objects in the cluster: the two steps the queue runs for
 * "apply-database" and "delete-database". Idempotent like every engine step.
 */
import type { KubeConfig } from "@kubernetes/client-node";
import { applyObjects } from "@/server/engine/apply-objects";
import { LABEL_DATABASE } from "@/server/engine/databases/database-labels";
import { credentialsSecretName } from "@/server/engine/databases/database-names";
import { renderDatabase, type RenderDatabaseInput } from "@/server/engine/databases/render-database";
import { LABEL_PROJECT } from "@/server/engine/render/labels";
import { deleteObject } from "@/server/kube/delete-object";
import { RENDERED_KINDS, sortForDelete } from "@/server/kube/kind-registry";
import { refOf, type KubeObject } from "@/server/kube/kube-object";
import { listManaged } from "@/server/kube/list-managed";

export async function applyDatabase(kubeConfig: KubeConfig, input: RenderDatabaseInput, project: string, signal?: AbortSignal): Promise<KubeObject[]> {
  const objects = renderDatabase(input, { name: project }) as unknown as KubeObject[];
  return applyObjects(kubeConfig, objects, { force: false, signal });
}

/** The database's live objects of the kinds Berth renders (its claim included). */
async function listDatabaseObjects(kubeConfig: KubeConfig, project: string, database: string, signal?: AbortSignal): Promise<KubeObject[]> {
  const kinds = RENDERED_KINDS.filter((k) => k.namespaced);
  const lists = await Promise.all(kinds.map((k) => listManaged(kubeConfig, k, { namespace: project, labels: { [LABEL_PROJECT]: project, [LABEL_DATABASE]: database }, signal })));
  return lists.flatMap((l) => l.items);
}

/**
 * Deletes the database's StatefulSet (its pod goes with it) and Services. The claim — the data —
 * and the credentials Secret stay unless `deleteData`: a StatefulSet's claims outlive it by
 * design, and the data files only open with the password they were initialised with, so a
 * database created again under the same name reuses both (kept-volume.ts).
 */
export async function deleteDatabaseObjects(kubeConfig: KubeConfig, target: { project: string; database: string }, options: { deleteData: boolean; signal?: AbortSignal }): Promise<string[]> {
  const live = await listDatabaseObjects(kubeConfig, target.project, target.database, options.signal);
  const kept = (o: KubeObject) => o.kind === "PersistentVolumeClaim" || (o.kind === "Secret" && o.metadata.name === credentialsSecretName(target.database));
  const doomed = sortForDelete(live.filter((o) => options.deleteData || !kept(o)));
  const deleted: string[] = [];
  for (const obj of doomed) {
    if (await deleteObject(kubeConfig, refOf(obj), { signal: options.signal })) deleted.push(`${obj.kind} ${obj.metadata.namespace}/${obj.metadata.name}`);
  }
  return deleted;
}
