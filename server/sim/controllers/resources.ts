/**
 * The resource references and fixed cluster facts the controllers share, so every controller
 * agrees on the node name, its IP and the address ranges k3s uses (pods 10.42/16, services 10.43/16).
 */
import type { KubeObject, ResourceRef } from "@/server/sim/contract";
import { simNowIso } from "@/server/sim/controllers/sim-clock";

export const R = {
  namespaces: { group: "", version: "v1", plural: "namespaces" },
  pods: { group: "", version: "v1", plural: "pods" },
  services: { group: "", version: "v1", plural: "services" },
  endpoints: { group: "", version: "v1", plural: "endpoints" },
  configmaps: { group: "", version: "v1", plural: "configmaps" },
  pvcs: { group: "", version: "v1", plural: "persistentvolumeclaims" },
  pvs: { group: "", version: "v1", plural: "persistentvolumes" },
  events: { group: "", version: "v1", plural: "events" },
  serviceaccounts: { group: "", version: "v1", plural: "serviceaccounts" },
  nodes: { group: "", version: "v1", plural: "nodes" },
  deployments: { group: "apps", version: "v1", plural: "deployments" },
  replicasets: { group: "apps", version: "v1", plural: "replicasets" },
  jobs: { group: "batch", version: "v1", plural: "jobs" },
  cronjobs: { group: "batch", version: "v1", plural: "cronjobs" },
  ingresses: { group: "networking.k8s.io", version: "v1", plural: "ingresses" },
  ingressclasses: { group: "networking.k8s.io", version: "v1", plural: "ingressclasses" },
  storageclasses: { group: "storage.k8s.io", version: "v1", plural: "storageclasses" },
  podmetrics: { group: "metrics.k8s.io", version: "v1beta1", plural: "pods" },
  nodemetrics: { group: "metrics.k8s.io", version: "v1beta1", plural: "nodes" },
} satisfies Record<string, ResourceRef>;

export const NODE_NAME = "sim-node-1";
export const NODE_IP = "192.168.49.2";
export const KUBELET_VERSION = "v1.32.4+k3s1";

export function sameRef(a: ResourceRef, b: ResourceRef): boolean {
  return a.group === b.group && a.version === b.version && a.plural === b.plural;
}

export function keyOf(obj: KubeObject): string {
  return obj.metadata.namespace ? `${obj.metadata.namespace}/${obj.metadata.name}` : obj.metadata.name;
}

export function splitKey(key: string): { namespace: string | undefined; name: string } {
  const i = key.indexOf("/");
  return i < 0 ? { namespace: undefined, name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

/** The owner reference that marks `obj` as the controller of `owner`'s dependents. */
export function controllerRef(owner: KubeObject) {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid ?? "", controller: true, blockOwnerDeletion: true };
}

export function isControlledBy(obj: KubeObject, owner: KubeObject): boolean {
  return (obj.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === owner.metadata.uid);
}

export function controllerOf(obj: KubeObject): { kind: string; name: string; uid: string } | undefined {
  return (obj.metadata.ownerReferences ?? []).find((r) => r.controller);
}

/** A deep copy, so controllers never mutate objects the store still holds. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Now on the simulated cluster's clock (sim-clock.ts), as controllers stamp status fields. */
export const nowIso = simNowIso;
