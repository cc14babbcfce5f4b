import { LABEL_DATABASE } from "@/server/engine/databases/database-labels";
import type { SharedInformer } from "@/server/kube/informers";
import type { KubeObject } from "@/server/kube/kube-object";

/** The labels the engine puts on every pod of an app (server/engine/render/labels.ts). */
const LABEL_PROJECT = "berth.dev/project";
const LABEL_APP = "berth.dev/app";
/** On the pods of the app's scheduled-task runs, instead of LABEL_APP. */
const LABEL_TASK_OF = "berth.dev/task-of";

/** Whose pods a socket reads: one app's or one database's (exactly one of the two is set). */
export interface PodOwnerRef {
  project: string;
  app?: string;
  database?: string;
  /** Only this pod, when set. */
  pod?: string;
}

/** `web` or `database pg`, for sentences. */
export function describeOwner(ref: PodOwnerRef): string {
  return ref.database !== undefined ? `database ${ref.database}` : (ref.app ?? "");
}

/** The owner's pods in the informer's cache, in its order: every socket finds its pods here. */
export function ownerPods(pods: SharedInformer, ref: PodOwnerRef): KubeObject[] {
  return pods.list(ref.project).filter((p) => isOwnPod(p, ref));
}

type ContainerStatus = {
  name: string;
  containerID?: string;
  state?: { running?: object; terminated?: object; waiting?: { reason?: string } };
  lastState?: { terminated?: object };
};

/**
 * True when `pod` belongs to the app or database (namespace = project name, and both Berth
 * labels). A pod of one of the app's task runs counts only when named: its log opens from the
 * run history, and the app's merged log stays the app's own pods.
 */
export function isOwnPod(pod: KubeObject, ref: PodOwnerRef): boolean {
  const labels = pod.metadata?.labels ?? {};
  const isOwn =
    ref.database !== undefined
      ? labels[LABEL_DATABASE] === ref.database
      : ref.app !== undefined && (labels[LABEL_APP] === ref.app || (ref.pod !== undefined && labels[LABEL_TASK_OF] === ref.app));
  return pod.metadata?.namespace === ref.project && labels[LABEL_PROJECT] === ref.project && isOwn && (ref.pod === undefined || pod.metadata?.name === ref.pod);
}

/** Container names from the pod's spec, in order. */
export function containerNames(pod: KubeObject): string[] {
  const containers = ((pod as { spec?: { containers?: Array<{ name: string }> } }).spec?.containers ?? []) as Array<{ name: string }>;
  return containers.map((c) => c.name);
}

/** The container's status, or undefined before the kubelet has reported it. */
export function containerStatus(pod: KubeObject, container: string): ContainerStatus | undefined {
  const statuses = ((pod as { status?: { containerStatuses?: ContainerStatus[] } }).status?.containerStatuses ?? []) as ContainerStatus[];
  return statuses.find((s) => s.name === container);
}

/** True while a container runs (it has a log to follow and accepts exec). */
export function isRunning(pod: KubeObject, container: string): boolean {
  return Boolean(containerStatus(pod, container)?.state?.running) && !pod.metadata?.deletionTimestamp;
}
