import type { Deployment, ReplicaSet } from "kubernetes-types/apps/v1";
import type { Job } from "kubernetes-types/batch/v1";
import type { Event, PersistentVolumeClaim, Pod } from "kubernetes-types/core/v1";
import { LABEL_APP } from "@/server/engine/render/labels";
import type { Ingress } from "kubernetes-types/networking/v1";
import type { AppHealth, AppStatus } from "@/lib/dto/app-status";
import { AppError } from "@/server/errors";
import { clusterKubeConfig } from "@/server/kube/cluster";
import { getInformer } from "@/server/kube/informers";
import { APP_STATUS_KINDS } from "@/server/kube/kind-registry";
import type { KubeObject } from "@/server/kube/kube-object";
import { summarizeApp } from "@/server/engine/status/health";
import { failingTasks, type TaskFailure } from "@/server/engine/status/task-failures";

/** How long a status request waits for the informers' first list before saying the cluster is unavailable. */
const SYNC_TIMEOUT_MS = 10_000;
/** Lists wait less: they still load without health when the cluster is slow or down. */
const LIST_SYNC_TIMEOUT_MS = 3_000;
type Caches = Record<(typeof APP_STATUS_KINDS)[number], readonly KubeObject[]>;

/**
 * Reads one namespace from the process's shared informers (one watch per kind for the whole
 * process; a request never opens its own list or watch). Waits for the first sync, so a status
 * right after start is not reported as "nothing running".
 */
async function readCaches(namespace: string, timeoutMs = SYNC_TIMEOUT_MS): Promise<Caches> {
  const kubeConfig = clusterKubeConfig();
  const informers = APP_STATUS_KINDS.map((kind) => getInformer(kind, kubeConfig));
  try {
    await Promise.all(informers.map((i) => i.waitForSync(timeoutMs)));
  } catch (err) {
    throw new AppError({ code: "cluster_unavailable", message: `The cluster's state could not be read: ${err instanceof Error ? err.message : String(err)}` });
  }
  return Object.fromEntries(informers.map((i) => [i.kind, i.list(namespace)])) as Caches;
}

/** A namespace's cached objects grouped by their `berth.dev/app` label, so each app's share is one lookup. */
type AppObjectsByName = Map<string, Partial<Record<(typeof APP_STATUS_KINDS)[number], KubeObject[]>>>;

function groupByApp(caches: Caches): AppObjectsByName {
  const byApp: AppObjectsByName = new Map();
  for (const kind of APP_STATUS_KINDS) {
    if (kind === "Event") continue;
    for (const object of caches[kind]) {
      const app = object.metadata.labels?.[LABEL_APP];
      if (!app) continue;
      let objects = byApp.get(app);
      if (!objects) byApp.set(app, (objects = {}));
      (objects[kind] ??= []).push(object);
    }
  }
  return byApp;
}

export type AppStatusOptions = {
  /** Replicas the app's spec asks for (the model, not the cluster, is the source of intent). */
  desiredReplicas?: number;
  /** PersistentVolumeClaim names the app's spec mounts. */
  expectedVolumes?: string[];
  now?: Date;
};

function summarizeCached(caches: Caches, objects: AppObjectsByName, app: string, options: AppStatusOptions) {
  const own = objects.get(app) ?? {};
  return summarizeApp({
    deployment: own.Deployment?.[0] as unknown as Deployment | undefined,
    replicaSets: (own.ReplicaSet ?? []) as unknown as ReplicaSet[],
    pods: (own.Pod ?? []) as unknown as Pod[],
    pvcs: (own.PersistentVolumeClaim ?? []) as unknown as PersistentVolumeClaim[],
    ingresses: (own.Ingress ?? []) as unknown as Ingress[],
    events: caches.Event as unknown as Event[],
    desiredReplicas: options.desiredReplicas,
    expectedVolumes: options.expectedVolumes,
    now: options.now,
  });
}

/**
 * The status of one app, assembled from the informer caches: the objects labelled
 * `berth.dev/app=<app>` in the project's namespace, plus the Events about them.
 */
export async function getAppStatus(project: string, app: string, options: AppStatusOptions = {}): Promise<AppStatus> {
  const caches = await readCaches(project);
  return { project, app, ...summarizeCached(caches, groupByApp(caches), app, options) };
}

/**
 * The statuses of several apps of one project from one read of the caches, in the order asked
 * (the status board: a project's objects are grouped once, not filtered again for every app).
 */
export async function getAppStatuses(project: string, apps: Array<{ name: string } & AppStatusOptions>): Promise<AppStatus[]> {
  const caches = await readCaches(project);
  const objects = groupByApp(caches);
  return apps.map(({ name, ...options }) => ({ project, app: name, ...summarizeCached(caches, objects, name, options) }));
}

/**
 * The failing last runs of the scheduled tasks of several apps of one project, from the same
 * caches (CronJob, Job and Pod are informed kinds): `tasks[i]` names the tasks of `apps[i]`.
 */
export async function getTaskFailures(project: string, apps: Array<{ name: string; tasks: string[] }>, now = new Date()): Promise<TaskFailure[][]> {
  const caches = await readCaches(project);
  const objects = groupByApp(caches);
  return apps.map(({ name, tasks }) =>
    failingTasks({ jobs: (objects.get(name)?.Job ?? []) as unknown as Job[], pods: caches.Pod as unknown as Pod[], events: caches.Event as unknown as Event[], tasks, now }),
  );
}

/**
 * Health of every app in a project, for list pages and the project roll-up. One pass over the
 * caches; apps without a Deployment are Stopped.
 */
export async function getProjectHealth(project: string, apps: Array<{ name: string; replicas: number }>): Promise<Record<string, AppHealth>> {
  const caches = await readCaches(project, LIST_SYNC_TIMEOUT_MS);
  const objects = groupByApp(caches);
  const out: Record<string, AppHealth> = {};
  for (const { name, replicas } of apps) out[name] = summarizeCached(caches, objects, name, { desiredReplicas: replicas }).health;
  return out;
}

const SEVERITY: AppHealth[] = ["Failed", "Degraded", "Progressing", "Healthy", "Stopped"];

/** A project's health is its worst app's (Stopped only when every app is stopped or there are none). */
export function rollUpHealth(healths: AppHealth[]): AppHealth {
  for (const h of SEVERITY) if (healths.includes(h)) return h;
  return "Stopped";
}
