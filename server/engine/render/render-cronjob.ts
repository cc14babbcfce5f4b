import type { Deployment } from "kubernetes-types/apps/v1";
import type { CronJob } from "kubernetes-types/batch/v1";
import type { Container, PodTemplateSpec } from "kubernetes-types/core/v1";
import type { AppSpec } from "@/lib/schemas/app";
import type { TaskSpec } from "@/lib/schemas/task";
import { cronJobName, namespaceName } from "@/server/engine/names";
import { ANNOTATION_RESTARTED_AT, appLabels, LABEL_APP, LABEL_TASK, LABEL_TASK_OF } from "@/server/engine/render/labels";
import type { RenderProject } from "@/server/engine/render/types";

/** Labels of a task's CronJob and its Jobs: the app's (so pruning and informers see them) and the task's. */
export function taskLabels(project: string, app: string, task: string): Record<string, string> {
  return { ...appLabels(project, app), [LABEL_TASK]: task };
}

/** Labels of a task's pods: the app's with `berth.dev/app` swapped for `berth.dev/task-of` (see labels.ts). */
export function taskPodLabels(project: string, app: string, task: string): Record<string, string> {
  const { [LABEL_APP]: _app, ...rest } = appLabels(project, app);
  return { ...rest, [LABEL_TASK_OF]: app, [LABEL_TASK]: task };
}

/**
 * A container of the app's pod as a run-to-completion container: no ports and no probes (a
 * task serves nothing, and a liveness probe would kill a long run for not answering HTTP).
 */
function asTaskContainer(container: Container): Container {
  const { ports: _ports, readinessProbe: _readiness, livenessProbe: _liveness, startupProbe: _startup, ...rest } = container;
  return rest;
}

/**
 * The task's pod template, taken from the app's Deployment so the run gets the app's image, env,
 * secret env, config files and volumes — whatever the Deployment renderer adds — with the task's
 * command in place of the app's command and args, and the task's restart policy. The
 * `berth.dev/restartedAt` annotation is the Deployment's rollout trigger and is dropped.
 */
function taskPodTemplate(app: AppSpec, task: TaskSpec, project: RenderProject, deployment: Deployment): PodTemplateSpec {
  const template = deployment.spec!.template;
  const { [ANNOTATION_RESTARTED_AT]: _restartedAt, ...annotations } = template.metadata?.annotations ?? {};
  const spec = template.spec!;
  return {
    metadata: { labels: taskPodLabels(project.name, app.name, task.name), ...(Object.keys(annotations).length > 0 ? { annotations } : {}) },
    spec: {
      ...spec,
      restartPolicy: task.restartPolicy,
      containers: spec.containers.map((container) => {
        const plain = asTaskContainer(container);
        if (container.name !== app.name) return plain;
        const { args: _args, ...rest } = plain;
        return { ...rest, command: task.command };
      }),
    },
  };
}

/**
 * One task as a batch/v1 CronJob `<app>-<task>`. The time zone is always written: without it the
 * controller uses kube-controller-manager's own zone.
 * https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/
 */
export function renderCronJob(app: AppSpec, task: TaskSpec, project: RenderProject, deployment: Deployment): CronJob {
  const labels = taskLabels(project.name, app.name, task.name);
  return {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name: cronJobName(app.name, task.name), namespace: namespaceName(project.name), labels },
    spec: {
      schedule: task.schedule,
      timeZone: task.timeZone,
      concurrencyPolicy: task.concurrencyPolicy,
      ...(task.startingDeadlineSeconds !== undefined ? { startingDeadlineSeconds: task.startingDeadlineSeconds } : {}),
      suspend: task.suspend,
      successfulJobsHistoryLimit: task.successfulRunsToKeep,
      failedJobsHistoryLimit: task.failedRunsToKeep,
      jobTemplate: {
        metadata: { labels },
        spec: {
          backoffLimit: task.retries,
          ...(task.activeDeadlineSeconds !== undefined ? { activeDeadlineSeconds: task.activeDeadlineSeconds } : {}),
          template: taskPodTemplate(app, task, project, deployment),
        },
      },
    },
  };
}

/** The CronJobs of all the app's tasks, built on the Deployment render-app already made. */
export function renderCronJobs(app: AppSpec, project: RenderProject, deployment: Deployment): CronJob[] {
  return app.tasks.map((task) => renderCronJob(app, task, project, deployment));
}
