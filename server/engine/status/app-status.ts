import type { Deployment, ReplicaSet } from "kubernetes-types/apps/v1";
import type { Job } from "kubernetes-types/batch/v1";
import type { Event, PersistentVolumeClaim, Pod } from "kubernetes-types/core/v1";
import { LABEL_APP } from "@/server/engine/render/labels";
import type { Ingress } from "kubernetes-types/networking/v1";
import type { AppHealth, AppStatus } from "@/lib/dto/app-status";
import { AppError } from "@/server/errors";
import { driftNoticeOf } from "@/server/engine/drift/drift-notice";
import { clusterKubeConfig } from "@/server/kube/cluster";
import { getInformer } from "@/server/kube/informers";
import { APP_STATUS_KINDS } from "@/server/kube/kind-registry";
import type { KubeObject } from "@/server/kube/kube-object";
import type { BoardStatus } from "@/lib/dto/status-board";
import type { RegistryLoginInfo } from "@/server/engine/status/explain";
import { assessHealth, objectsNamed, summarizeApp, summarizeForBoard, type AppObjects, type HealthAssessment } from "@/server/engine/status/health";
import { processSingleton } from "@/server/singleton";
import { indexEvents, type EventIndex } from "@/server/engine/status/event-index";
import { failingTasks, type TaskFailure } from "@/server/engine/status/task-failures";

/** How long a status request waits for the informers' first list before saying the cluster is unavailable. */
const SYNC_TIMEOUT_MS = 10_000;
/** Lists wait less: they still load without health when the cluster is slow or down. */
const LIST_SYNC_TIMEOUT_MS = 3_000;
type Caches = Record<(typeof APP_STATUS_KINDS)[number], readonly KubeObject[]>;

/**
 * Reads one namespace from the process's shared informers (one watch per kind for the whole
 * process; a request never opens its own list or watch). Waits for the first sync, so a status
 * right after start is not reported as "nothing running". Grouped by app once per change of the
 * namespace's objects: lists and the status board read every namespace on every request, and
 * between changes the grouping and each app's health stay what they were.
 */
async function readGrouped(namespace: string, timeoutMs = SYNC_TIMEOUT_MS): Promise<GroupedCaches> {
  const kubeConfig = clusterKubeConfig();
  const informers = APP_STATUS_KINDS.map((kind) => getInformer(kind, kubeConfig));
  try {
    await Promise.all(informers.map((i) => i.waitForSync(timeoutMs)));
  } catch (err) {
    throw new AppError({ code: "cluster_unavailable", message: `The cluster's state could not be read: ${err instanceof Error ? err.message : String(err)}` });
  }
  const version = informers.map((i) => i.version(namespace)).join(" ");
  const remembered = grouped.get(namespace);
  if (remembered?.version === version) return remembered;
  const caches = Object.fromEntries(informers.map((i) => [i.kind, i.list(namespace)])) as Caches;
  const fresh = { ...groupByApp(caches), caches, version, health: new Map() };
  grouped.set(namespace, fresh);
  return fresh;
}

/** A namespace's cached objects grouped by their `berth.dev/app` label, so each app's share is one lookup. */
type AppObjectsByName = Map<string, Partial<Record<(typeof APP_STATUS_KINDS)[number], KubeObject[]>>>;

/** A namespace's objects by app, its Events by the object they are about, and the health judged from them. */
interface GroupedCaches {
  /** The namespace's objects of every status kind, as the informers held them. */
  caches: Caches;
  byApp: AppObjectsByName;
  events: EventIndex;
  /** The informers' versions of the namespace these were read at. */
  version: string;
  /** Each app's health (and its board row, once asked for) by app and intent, judged once per version. */
  health: Map<string, Judged>;
}

/** The last grouping of each namespace; replaced when the namespace's objects change. */
const grouped = processSingleton("app-status-grouped", () => new Map<string, GroupedCaches>());

function groupByApp(caches: Caches): Pick<GroupedCaches, "byApp" | "events"> {
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
  return { byApp, events: indexEvents(caches.Event as unknown as Event[]) };
}

export type AppStatusOptions = {
  /** Replicas the app's spec asks for (the model, not the cluster, is the source of intent). */
  desiredReplicas?: number;
  /** PersistentVolumeClaim names the app's spec mounts. */
  expectedVolumes?: string[];
  /** The project's registry logins (no passwords), so a refused pull names the user. */
  registryLogins?: readonly RegistryLoginInfo[];
  now?: Date;
};

function objectsOf(cached: GroupedCaches, app: string, options: AppStatusOptions): AppObjects {
  const own = cached.byApp.get(app) ?? {};
  const objects: AppObjects = {
    deployment: own.Deployment?.[0] as unknown as Deployment | undefined,
    replicaSets: (own.ReplicaSet ?? []) as unknown as ReplicaSet[],
    pods: (own.Pod ?? []) as unknown as Pod[],
    pvcs: (own.PersistentVolumeClaim ?? []) as unknown as PersistentVolumeClaim[],
    ingresses: (own.Ingress ?? []) as unknown as Ingress[],
    desiredReplicas: options.desiredReplicas,
    expectedVolumes: options.expectedVolumes,
    registryLogins: options.registryLogins,
    now: options.now,
  };
  // Only the namespace's Events about this app's objects, looked up rather than filtered from all.
  return { ...objects, events: cached.events.about(objectsNamed(objects)), eventsAreRelated: true };
}

interface Judged {
  assessment: HealthAssessment;
  board?: BoardStatus;
}

/**
 * The app's health, judged once per version of the namespace's objects: between changes the
 * project list and the status board (1,000 apps each, on every request) gather nothing from the
 * caches and build nothing, they read what the first request judged.
 */
function judge(cached: GroupedCaches, app: string, options: AppStatusOptions): Judged {
  const key = JSON.stringify([app, options.desiredReplicas, options.expectedVolumes, options.registryLogins]);
  let judged = cached.health.get(key);
  if (!judged) cached.health.set(key, (judged = { assessment: assessHealth(objectsOf(cached, app, options)) }));
  return judged;
}

/**
 * The status of one app, assembled from the informer caches: the objects labelled
 * `berth.dev/app=<app>` in the project's namespace, plus the Events about them, and a drift
 * notice when the Deployment was changed outside Berth.
 */
export async function getAppStatus(project: string, app: string, options: AppStatusOptions = {}): Promise<AppStatus> {
  const objects = objectsOf(await readGrouped(project), app, options);
  const drift = await driftNoticeOf(objects.deployment);
  return { project, app, ...summarizeApp(objects), ...(drift ? { drift } : {}) };
}

/** The status page's view of several apps of one project, from one read of the caches. */
export async function getBoardStatuses(project: string, apps: Array<{ name: string } & AppStatusOptions>): Promise<BoardStatus[]> {
  const cached = await readGrouped(project);
  return apps.map(({ name, ...options }) => {
    const judged = judge(cached, name, options);
    return (judged.board ??= summarizeForBoard(objectsOf(cached, name, options), judged.assessment));
  });
}

/**
 * The failing last runs of the scheduled tasks of several apps of one project, from the same
 * caches (CronJob, Job and Pod are informed kinds): `tasks[i]` names the tasks of `apps[i]`.
 */
export async function getTaskFailures(project: string, apps: Array<{ name: string; tasks: string[] }>, now = new Date()): Promise<TaskFailure[][]> {
  const { caches, byApp } = await readGrouped(project);
  return apps.map(({ name, tasks }) =>
    failingTasks({ jobs: (byApp.get(name)?.Job ?? []) as unknown as Job[], pods: caches.Pod as unknown as Pod[], events: caches.Event as unknown as Event[], tasks, now }),
  );
}

/**
 * Health of every app in a project, for list pages and the project roll-up. One pass over the
 * caches; apps without a Deployment are Stopped.
 */
export async function getProjectHealth(project: string, apps: Array<{ name: string; replicas: number }>): Promise<Record<string, AppHealth>> {
  const cached = await readGrouped(project, LIST_SYNC_TIMEOUT_MS);
  const out: Record<string, AppHealth> = {};
  for (const { name, replicas } of apps) out[name] = judge(cached, name, { desiredReplicas: replicas }).assessment.health;
  return out;
}

const SEVERITY: AppHealth[] = ["Failed", "Degraded", "Progressing", "Healthy", "Stopped"];

/** A project's health is its worst app's (Stopped only when every app is stopped or there are none). */
export function rollUpHealth(healths: AppHealth[]): AppHealth {
  for (const h of SEVERITY) if (healths.includes(h)) return h;
  return "Stopped";
}
