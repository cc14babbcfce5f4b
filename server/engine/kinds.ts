/**
 * The kinds the engine renders, as small descriptors (after headlamp): enough to address them,
 * and the order to apply them in so that what an object refers to exists first (a Deployment
 * mounts the PVC and reads the Secret; an Ingress points at the Service).
 */
export interface EngineKind {
  kind: RenderedKind;
  apiVersion: string;
  /** API group; "" for the core group. */
  group: string;
  version: string;
  plural: string;
  namespaced: boolean;
  /** Lower applies first; deletion runs in the reverse order. */
  applyOrder: number;
}

export type RenderedKind = "Namespace" | "Secret" | "PersistentVolumeClaim" | "Deployment" | "Service" | "Ingress";

export const ENGINE_KINDS: readonly EngineKind[] = [
  { kind: "Namespace", apiVersion: "v1", group: "", version: "v1", plural: "namespaces", namespaced: false, applyOrder: 0 },
  { kind: "Secret", apiVersion: "v1", group: "", version: "v1", plural: "secrets", namespaced: true, applyOrder: 1 },
  { kind: "PersistentVolumeClaim", apiVersion: "v1", group: "", version: "v1", plural: "persistentvolumeclaims", namespaced: true, applyOrder: 2 },
  { kind: "Deployment", apiVersion: "apps/v1", group: "apps", version: "v1", plural: "deployments", namespaced: true, applyOrder: 3 },
  { kind: "Service", apiVersion: "v1", group: "", version: "v1", plural: "services", namespaced: true, applyOrder: 4 },
  { kind: "Ingress", apiVersion: "networking.k8s.io/v1", group: "networking.k8s.io", version: "v1", plural: "ingresses", namespaced: true, applyOrder: 5 },
];

/** The minimum the registry needs to sort objects. */
export interface KubeObjectLike {
  kind?: string;
  metadata?: { name?: string; namespace?: string };
}

const BY_KIND = new Map(ENGINE_KINDS.map((k) => [k.kind, k]));

/** The descriptor of a rendered kind; undefined for a kind the engine does not render. */
export function engineKind(kind: string): EngineKind | undefined {
  return BY_KIND.get(kind as RenderedKind);
}

function orderOf(obj: KubeObjectLike): number {
  return engineKind(obj.kind ?? "")?.applyOrder ?? ENGINE_KINDS.length;
}

/** A copy of `objects` in apply order (stable within a kind). Unknown kinds go last. */
export function sortForApply<T extends KubeObjectLike>(objects: readonly T[]): T[] {
  return [...objects].sort((a, b) => orderOf(a) - orderOf(b));
}

/** A copy of `objects` in delete order: dependents (Ingress) first, Namespace last. */
export function sortForDelete<T extends KubeObjectLike>(objects: readonly T[]): T[] {
  return [...objects].sort((a, b) => orderOf(b) - orderOf(a));
}
