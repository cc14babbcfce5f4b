import type { KubeObject } from "@/server/kube/kube-object";

/** The labels the engine puts on every pod of an app (server/engine/render/labels.ts). */
const LABEL_PROJECT = "berth.dev/project";
const LABEL_APP = "berth.dev/app";
/** On the pods of the app's scheduled-task runs, instead of LABEL_APP. */
const LABEL_TASK_OF = "berth.dev/task-of";

export interface AppRef {
  project: string;
  app: string;
  /** Only this pod, when set. */
  pod?: string;
}

type ContainerStatus = {
  name: string;
  containerID?: string;
  state?: { running?: object; terminated?: object; waiting?: { reason?: string } };
  lastState?: { terminated?: object };
};

/**
 * True when `pod` belongs to the app (namespace = project name, and both Berth labels). A pod of
 * one of the app's task runs counts only when named: its log opens from the run history, and the
 * app's merged log stays the app's own pods.
 */
export function isAppPod(pod: KubeObject, ref: AppRef): boolean {
  const labels = pod.metadata?.labels ?? {};
  const isOwn = labels[LABEL_APP] === ref.app || (ref.pod !== undefined && labels[LABEL_TASK_OF] === ref.app);
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
