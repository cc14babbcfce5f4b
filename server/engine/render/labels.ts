import { instanceName } from "@/server/engine/names";

/**
 * The labels Berth puts on what it renders. The `app.kubernetes.io/*` set follows the
 * recommended labels (https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/);
 * `berth.dev/project` and `berth.dev/app` are the stable pair used for selectors and pruning.
 */
export const LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";
export const LABEL_NAME = "app.kubernetes.io/name";
export const LABEL_INSTANCE = "app.kubernetes.io/instance";
export const LABEL_PART_OF = "app.kubernetes.io/part-of";
export const LABEL_PROJECT = "berth.dev/project";
export const LABEL_APP = "berth.dev/app";
/** On PVCs: which of the app's volumes the claim backs. */
export const LABEL_VOLUME = "berth.dev/volume";
/** On a task's CronJob, Jobs and pods: the task's name. */
export const LABEL_TASK = "berth.dev/task";
/**
 * On a task's pods instead of `berth.dev/app` (whose value it carries): the app's Service and
 * Deployment select pods by `berth.dev/project` + `berth.dev/app`, and a running task pod must
 * neither receive the app's traffic nor count as one of its replicas.
 */
export const LABEL_TASK_OF = "berth.dev/task-of";
export const MANAGED_BY = "berth";

/** Annotations Berth writes. */
export const ANNOTATION_SPEC = "berth.dev/spec";
export const ANNOTATION_SPEC_VERSION = "berth.dev/spec-version";
export const ANNOTATION_RESTARTED_AT = "berth.dev/restartedAt";
export const ANNOTATION_SECRET_CHECKSUM = "berth.dev/secret-checksum";
/** On the pod template: checksum of the config files, so a changed file rolls the pods. */
export const ANNOTATION_FILES_CHECKSUM = "berth.dev/files-checksum";
export const ANNOTATION_DISPLAY_NAME = "berth.dev/display-name";
/** On a registry login's Secret: the registry host[:port] it logs in to. */
export const ANNOTATION_REGISTRY = "berth.dev/registry";
/** What the CronJob controller and `kubectl create job --from=cronjob/…` write on a Job. */
export const ANNOTATION_INSTANTIATE = "cronjob.kubernetes.io/instantiate";

/** Labels of a project's Namespace. It has no `berth.dev/app`, so pruning an app never selects it. */
export function projectLabels(project: string): Record<string, string> {
  return { [LABEL_MANAGED_BY]: MANAGED_BY, [LABEL_PART_OF]: project, [LABEL_PROJECT]: project };
}

/** Labels of every object of an app (and of its pods). */
export function appLabels(project: string, app: string): Record<string, string> {
  return {
    [LABEL_NAME]: app,
    [LABEL_INSTANCE]: instanceName(project, app),
    [LABEL_MANAGED_BY]: MANAGED_BY,
    [LABEL_PART_OF]: project,
    [LABEL_PROJECT]: project,
    [LABEL_APP]: app,
  };
}

/**
 * The Deployment selector and Service selector. Only labels that never change for the app's
 * life: a Deployment's selector is immutable, so a new recommended label must not go here.
 */
export function selectorLabels(project: string, app: string): Record<string, string> {
  return { [LABEL_PROJECT]: project, [LABEL_APP]: app };
}

/** A label selector string that finds everything of one app (for listing and pruning). */
export function appSelector(project: string, app: string): string {
  return `${LABEL_MANAGED_BY}=${MANAGED_BY},${LABEL_PROJECT}=${project},${LABEL_APP}=${app}`;
}
