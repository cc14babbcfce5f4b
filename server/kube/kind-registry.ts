/**
 * The one table of the Kubernetes kinds Berth knows without discovery: a small descriptor per
 * kind (as headlamp does) — enough to build every REST path — and what Berth does with it:
 * render and apply it (in dependency order), keep one shared informer of it, read it to explain
 * an app. Other kinds (raw YAML of CRDs) are found through discovery (discover-kind.ts).
 * Paths follow https://kubernetes.io/docs/reference/using-api/api-concepts/#resource-uris
 */
import { AppError } from "@/server/errors";

/** What it takes to address a kind over REST; discovery answers with this much. */
export interface ResourceKind {
  apiVersion: string;
  kind: string;
  plural: string;
  namespaced: boolean;
}

export interface KindDescriptor extends ResourceKind {
  /** API group; "" for the core group. */
  group: string;
  version: string;
  /**
   * Berth renders objects of this kind. Lower applies first, so what an object refers to exists
   * first (a Deployment mounts the PVC and reads the Secret; an Ingress points at the Service);
   * deletion runs in the reverse order.
   */
  applyOrder?: number;
  /** The process keeps one shared informer (one watch) of this kind; Secrets never (values in memory). */
  isInformed: boolean;
  /** Its objects carry the app's labels (`berth.dev/app`), so a change to one is a change to that app. */
  hasAppLabels: boolean;
  /** Read to explain an app: its status and whether its rollout is progressing. */
  explainsApp: boolean;
}

const KINDS = [
  { kind: "Namespace", apiVersion: "v1", group: "", version: "v1", plural: "namespaces", namespaced: false, applyOrder: 0, isInformed: true, hasAppLabels: false, explainsApp: false },
  { kind: "Secret", apiVersion: "v1", group: "", version: "v1", plural: "secrets", namespaced: true, applyOrder: 1, isInformed: false, hasAppLabels: true, explainsApp: false },
  // The app's config files (plain ones); applied after the Secrets, before the Deployment mounting them.
  { kind: "ConfigMap", apiVersion: "v1", group: "", version: "v1", plural: "configmaps", namespaced: true, applyOrder: 1, isInformed: false, hasAppLabels: true, explainsApp: false },
  { kind: "PersistentVolumeClaim", apiVersion: "v1", group: "", version: "v1", plural: "persistentvolumeclaims", namespaced: true, applyOrder: 2, isInformed: true, hasAppLabels: true, explainsApp: true },
  { kind: "Deployment", apiVersion: "apps/v1", group: "apps", version: "v1", plural: "deployments", namespaced: true, applyOrder: 3, isInformed: true, hasAppLabels: true, explainsApp: true },
  // A database's workload (server/engine/databases). Its objects carry `berth.dev/database`
  // rather than `berth.dev/app`, so app pruning and app status find none of them.
  { kind: "StatefulSet", apiVersion: "apps/v1", group: "apps", version: "v1", plural: "statefulsets", namespaced: true, applyOrder: 3, isInformed: true, hasAppLabels: true, explainsApp: true },
  { kind: "Service", apiVersion: "v1", group: "", version: "v1", plural: "services", namespaced: true, applyOrder: 4, isInformed: true, hasAppLabels: true, explainsApp: false },
  { kind: "Ingress", apiVersion: "networking.k8s.io/v1", group: "networking.k8s.io", version: "v1", plural: "ingresses", namespaced: true, applyOrder: 5, isInformed: true, hasAppLabels: true, explainsApp: true },
  // A task's CronJob refers to the app's Secret and PVCs like the Deployment does.
  { kind: "CronJob", apiVersion: "batch/v1", group: "batch", version: "v1", plural: "cronjobs", namespaced: true, applyOrder: 6, isInformed: true, hasAppLabels: true, explainsApp: true },
  // Made by the CronJob controller or "Run now", never rendered: its CronJob owns it and takes it along on delete.
  { kind: "Job", apiVersion: "batch/v1", group: "batch", version: "v1", plural: "jobs", namespaced: true, isInformed: true, hasAppLabels: true, explainsApp: true },
  { kind: "ReplicaSet", apiVersion: "apps/v1", group: "apps", version: "v1", plural: "replicasets", namespaced: true, isInformed: true, hasAppLabels: true, explainsApp: true },
  { kind: "Pod", apiVersion: "v1", group: "", version: "v1", plural: "pods", namespaced: true, isInformed: true, hasAppLabels: true, explainsApp: true },
  // Events carry no labels: their informer is cluster-wide and matched to apps by involvedObject.
  { kind: "Event", apiVersion: "v1", group: "", version: "v1", plural: "events", namespaced: true, isInformed: true, hasAppLabels: false, explainsApp: true },
] as const satisfies readonly KindDescriptor[];

type Entry = (typeof KINDS)[number];
export type KnownKind = Entry["kind"];
export type RenderedKind = Extract<Entry, { applyOrder: number }>["kind"];
export type InformedKind = Extract<Entry, { isInformed: true }>["kind"];

function kindsWhere<K extends KnownKind>(test: (k: KindDescriptor) => boolean): readonly K[] {
  return (KINDS as readonly KindDescriptor[]).filter(test).map((k) => k.kind as K);
}

/** Kinds with one shared informer per process. */
export const INFORMED_KINDS = kindsWhere<InformedKind>((k) => k.isInformed);

/** Informed kinds whose objects belong to one app by their labels (a change re-reads that app). */
export const APP_LABELLED_KINDS = kindsWhere<InformedKind>((k) => k.isInformed && k.hasAppLabels);

/** Informed kinds read to explain an app's status and to follow its rollout. */
export const APP_STATUS_KINDS = kindsWhere<InformedKind>((k) => k.isInformed && k.explainsApp);

/** The kinds Berth renders, in apply order. */
export const RENDERED_KINDS: readonly KindDescriptor[] = (KINDS as readonly KindDescriptor[])
  .filter((k) => k.applyOrder !== undefined)
  .sort((a, b) => a.applyOrder! - b.applyOrder!);

const BY_KEY = new Map<string, KindDescriptor>(KINDS.map((k) => [`${k.apiVersion}/${k.kind}`, k]));
const BY_KIND = new Map<string, KindDescriptor>(KINDS.map((k) => [k.kind, k]));

/** The descriptor for an apiVersion and kind, or an AppError naming the unsupported kind. */
export function resourceKindOf(apiVersion: string, kind: string): KindDescriptor {
  const found = BY_KEY.get(`${apiVersion}/${kind}`);
  if (!found) {
    throw new AppError({ code: "invalid", message: `Berth cannot manage ${kind} (${apiVersion}) objects yet; use one of: ${KINDS.map((k) => k.kind).join(", ")}.` });
  }
  return found;
}

/** Looks a kind up by its name alone (all kinds Berth knows have one version). */
export function resourceKindNamed(kind: KnownKind): KindDescriptor {
  return BY_KIND.get(kind)!;
}

/** The descriptor of a kind Berth renders; undefined for any other kind. */
export function renderedKind(kind: string): KindDescriptor | undefined {
  const found = BY_KIND.get(kind);
  return found?.applyOrder === undefined ? undefined : found;
}

/** `/api/v1/namespaces/ns/secrets/name`, `/apis/apps/v1/deployments` (all namespaces), … */
export function resourcePath(kind: ResourceKind, namespace?: string, name?: string): string {
  const root = kind.apiVersion.includes("/") ? `/apis/${kind.apiVersion}` : `/api/${kind.apiVersion}`;
  const ns = kind.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : "";
  const tail = name ? `/${encodeURIComponent(name)}` : "";
  return `${root}${ns}/${kind.plural}${tail}`;
}

/** The minimum sorting needs. */
export interface KubeObjectLike {
  kind?: string;
  metadata?: { name?: string; namespace?: string };
}

/** Where `obj` goes in apply order; kinds Berth does not render share the last place. */
export function applyOrderOf(obj: KubeObjectLike): number {
  return renderedKind(obj.kind ?? "")?.applyOrder ?? RENDERED_KINDS.length;
}

/** A copy of `objects` in apply order (stable within a kind). Kinds Berth does not render go last. */
export function sortForApply<T extends KubeObjectLike>(objects: readonly T[]): T[] {
  return [...objects].sort((a, b) => applyOrderOf(a) - applyOrderOf(b));
}

/** A copy of `objects` in delete order: dependents (Ingress) first, Namespace last. */
export function sortForDelete<T extends KubeObjectLike>(objects: readonly T[]): T[] {
  return [...objects].sort((a, b) => applyOrderOf(b) - applyOrderOf(a));
}
