/**
 * Removes an app from the cluster: its Ingress, Service, Deployment (its ReplicaSets and Pods go
 * by garbage collection) and Secret. PersistentVolumeClaims — the app's data — stay unless
 * `deleteData` is set, so deleting an app by mistake and deploying it again finds its data.
 */
import type { KubeConfig } from "@kubernetes/client-node";
import { pruneApp } from "@/server/engine/prune-app";

export async function deleteAppObjects(kubeConfig: KubeConfig, target: { project: string; app: string }, options: { deleteData?: boolean; signal?: AbortSignal } = {}): Promise<string[]> {
  return pruneApp(kubeConfig, { ...target, keep: [] }, { deleteData: options.deleteData, signal: options.signal });
}
