import type { CronJob, Job } from "kubernetes-types/batch/v1";
import type { Event, Pod } from "kubernetes-types/core/v1";
import type { TaskRun, TaskView } from "@/lib/dto/task";
import { previewSchedule } from "@/lib/cron/schedule-preview";
import type { TaskSpec } from "@/lib/schemas/task";
import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { appSpecOf, findAppOrThrow } from "@/server/engine/model/app-record";
import { cronJobName, namespaceName } from "@/server/engine/names";
import { LABEL_APP, LABEL_PROJECT, LABEL_TASK, LABEL_TASK_OF } from "@/server/engine/render/labels";
import { cronJobWarnings, summarizeTaskRun } from "@/server/engine/status/explain-task-run";
import { clusterKubeConfig } from "@/server/kube/cluster";
import { resourceKindNamed } from "@/server/kube/kind-registry";
import { listObjects } from "@/server/kube/list-managed";
import { readLastLogLine } from "@/server/kube/read-last-log-line";

/**
 * The read side of scheduled tasks: each task with its schedule in words, next runs and last
 * run; and one task's run history (its Jobs, newest first). Read from the API rather than the
 * informers: a history page is opened rarely, and the Job's pods must be current to the second
 * for the log links.
 */

interface TaskObjects {
  cronJobs: CronJob[];
  jobs: Job[];
  pods: Pod[];
  events: Event[];
}

/** The CronJobs, Jobs and task pods of one app, and the namespace's events. */
async function readTaskObjects(project: string, app: string): Promise<TaskObjects> {
  const kubeConfig = clusterKubeConfig();
  const namespace = namespaceName(project);
  const appSelector = `${LABEL_PROJECT}=${project},${LABEL_APP}=${app}`;
  const [cronJobs, jobs, pods, events] = await Promise.all([
    listObjects(kubeConfig, resourceKindNamed("CronJob"), { namespace, labelSelector: appSelector }),
    listObjects(kubeConfig, resourceKindNamed("Job"), { namespace, labelSelector: appSelector }),
    listObjects(kubeConfig, resourceKindNamed("Pod"), { namespace, labelSelector: `${LABEL_PROJECT}=${project},${LABEL_TASK_OF}=${app}` }),
    listObjects(kubeConfig, resourceKindNamed("Event"), { namespace }),
  ]);
  return {
    cronJobs: cronJobs.items as unknown as CronJob[],
    jobs: jobs.items as unknown as Job[],
    pods: pods.items as unknown as Pod[],
    events: events.items as unknown as Event[],
  };
}

const ownedBy = (obj: { metadata?: { ownerReferences?: Array<{ uid: string }> } }, uid: string | undefined) =>
  Boolean(uid) && (obj.metadata?.ownerReferences ?? []).some((r) => r.uid === uid);

const newestFirst = (a: Job, b: Job) => Date.parse(b.metadata?.creationTimestamp ?? "") - Date.parse(a.metadata?.creationTimestamp ?? "");

/** The runs of one task, newest first; the newest failed run's last log line goes into its sentence. */
async function runsOf(objects: TaskObjects, project: string, app: string, task: string, now: Date, limit: number): Promise<TaskRun[]> {
  const cronJob = objects.cronJobs.find((c) => c.metadata?.name === cronJobName(app, task));
  const jobs = objects.jobs.filter((j) => j.metadata?.labels?.[LABEL_TASK] === task && (!cronJob || ownedBy(j, cronJob.metadata?.uid))).sort(newestFirst).slice(0, limit);
  const runs: TaskRun[] = [];
  let isFirstFailure = true;
  for (const job of jobs) {
    const pods = objects.pods.filter((p) => ownedBy(p, job.metadata?.uid));
    let run = summarizeTaskRun({ job, pods, events: objects.events, now });
    const failedPod = run.pods.find((p) => (p.exitCode ?? 0) !== 0);
    if (isFirstFailure && failedPod) {
      isFirstFailure = false;
      const container = pods.find((p) => p.metadata?.name === failedPod.name)?.spec?.containers[0]?.name ?? app;
      const lastLogLine = await readLastLogLine(clusterKubeConfig(), { namespace: namespaceName(project), pod: failedPod.name, container });
      run = summarizeTaskRun({ job, pods, events: objects.events, lastLogLine, now });
    }
    runs.push(run);
  }
  return runs;
}

function taskView(task: TaskSpec, app: string, objects: TaskObjects, lastRun: TaskRun | null, now: Date): TaskView {
  const name = cronJobName(app, task.name);
  const cronJob = objects.cronJobs.find((c) => c.metadata?.name === name);
  const preview = previewSchedule(task.schedule, task.timeZone, now);
  const events = objects.events.filter((e) => e.involvedObject.kind === "CronJob" && e.involvedObject.name === name && e.involvedObject.uid === cronJob?.metadata?.uid);
  return {
    spec: task,
    cronJobName: name,
    isDeployed: Boolean(cronJob),
    description: preview.ok ? preview.description : task.schedule,
    nextRuns: preview.ok && !task.suspend ? preview.nextRuns : [],
    lastRun,
    warnings: [...(task.suspend ? ["Suspended: no scheduled runs start until it is resumed (Run now still works)."] : []), ...cronJobWarnings(events)],
  };
}

/** The app's tasks as the Tasks tab lists them. */
export async function listTasks(project: string, app: string, now = new Date()): Promise<TaskView[]> {
  const spec = appSpecOf(await findAppOrThrow(getDb(), project, app));
  if (spec.tasks.length === 0) return [];
  const objects = await readTaskObjects(project, app);
  const views: TaskView[] = [];
  for (const task of spec.tasks) {
    const [lastRun] = await runsOf(objects, project, app, task.name, now, 1);
    views.push(taskView(task, app, objects, lastRun ?? null, now));
  }
  return views;
}

/** One task, or AppError not_found. */
export async function readTask(project: string, app: string, task: string, now = new Date()): Promise<TaskView> {
  const found = (await listTasks(project, app, now)).find((t) => t.spec.name === task);
  if (!found) throw new AppError({ code: "not_found", message: `App "${app}" has no task "${task}".` });
  return found;
}

/** A task's runs while the cluster keeps them (the CronJob's history limits), newest first. */
export async function listTaskRuns(project: string, app: string, task: string, now = new Date()): Promise<TaskRun[]> {
  const spec = appSpecOf(await findAppOrThrow(getDb(), project, app));
  if (!spec.tasks.some((t) => t.name === task)) throw new AppError({ code: "not_found", message: `App "${app}" has no task "${task}".` });
  return runsOf(await readTaskObjects(project, app), project, app, task, now, 100);
}
