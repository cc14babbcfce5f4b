/**
 * Removes a project's Namespace. The API server then deletes everything in it — apps, volumes
 * and their data — which is why the caller must confirm with the project's name first.
 * Only a Namespace Berth manages is deleted: one that exists without Berth's label (the user
 * made it by hand) is left alone.
 * https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/
 */
import type { KubeConfig } from "@kubernetes/client-node";
import { LABEL_MANAGED_BY, MANAGED_BY } from "@/server/engine/render/labels";
import { deleteObject } from "@/server/kube/delete-object";
import { readObject } from "@/server/kube/read-object";

export async function deleteProjectNamespace(kubeConfig: KubeConfig, project: string): Promise<"deleted" | "absent" | "not_managed"> {
  const ref = { apiVersion: "v1", kind: "Namespace", name: project };
  const live = await readObject(kubeConfig, ref);
  if (!live) return "absent";
  if (live.metadata.labels?.[LABEL_MANAGED_BY] !== MANAGED_BY) return "not_managed";
  return (await deleteObject(kubeConfig, ref)) ? "deleted" : "absent";
}
