/**
 * One small descriptor per kind the simulated API server serves. Discovery, routing, OpenAPI
 * and Table printing all read from here, so adding a kind is one entry.
 * Shapes follow https://kubernetes.io/docs/reference/using-api/api-concepts/ (resource names,
 * short names and categories are copied from a real v1.32 server's discovery).
 */
import type { ResourceRef } from "@/server/sim/contract";

export interface KindDescriptor {
  group: string;
  version: string;
  kind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  subresources?: Array<"status" | "scale" | "log" | "exec">;
  /** Served for list/get only (metrics.k8s.io). */
  readOnly?: boolean;
  /** Kind names validated as RFC 1123 labels instead of subdomains (as the real server does). */
  nameRule?: "subdomain" | "label" | "dns1035";
  /** The client-node model class holding this kind's schema (e.g. V1Deployment). */
  modelClass?: string;
}

const WRITE_VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
const READ_VERBS = ["get", "list"];

export const KINDS: KindDescriptor[] = [
  { group: "", version: "v1", kind: "Namespace", plural: "namespaces", singular: "namespace", namespaced: false, shortNames: ["ns"], subresources: ["status"], nameRule: "label", modelClass: "V1Namespace" },
  { group: "", version: "v1", kind: "Pod", plural: "pods", singular: "pod", namespaced: true, shortNames: ["po"], categories: ["all"], subresources: ["status", "log", "exec"], modelClass: "V1Pod" },
  { group: "", version: "v1", kind: "Service", plural: "services", singular: "service", namespaced: true, shortNames: ["svc"], categories: ["all"], subresources: ["status"], nameRule: "dns1035", modelClass: "V1Service" },
  { group: "", version: "v1", kind: "Endpoints", plural: "endpoints", singular: "endpoints", namespaced: true, shortNames: ["ep"], modelClass: "V1Endpoints" },
  { group: "", version: "v1", kind: "ConfigMap", plural: "configmaps", singular: "configmap", namespaced: true, shortNames: ["cm"], modelClass: "V1ConfigMap" },
  { group: "", version: "v1", kind: "Secret", plural: "secrets", singular: "secret", namespaced: true, modelClass: "V1Secret" },
  { group: "", version: "v1", kind: "PersistentVolumeClaim", plural: "persistentvolumeclaims", singular: "persistentvolumeclaim", namespaced: true, shortNames: ["pvc"], subresources: ["status"], modelClass: "V1PersistentVolumeClaim" },
  { group: "", version: "v1", kind: "PersistentVolume", plural: "persistentvolumes", singular: "persistentvolume", namespaced: false, shortNames: ["pv"], subresources: ["status"], modelClass: "V1PersistentVolume" },
  { group: "", version: "v1", kind: "Event", plural: "events", singular: "event", namespaced: true, shortNames: ["ev"], modelClass: "CoreV1Event" },
  { group: "", version: "v1", kind: "ServiceAccount", plural: "serviceaccounts", singular: "serviceaccount", namespaced: true, shortNames: ["sa"], modelClass: "V1ServiceAccount" },
  { group: "", version: "v1", kind: "Node", plural: "nodes", singular: "node", namespaced: false, shortNames: ["no"], subresources: ["status"], modelClass: "V1Node" },
  { group: "apps", version: "v1", kind: "Deployment", plural: "deployments", singular: "deployment", namespaced: true, shortNames: ["deploy"], categories: ["all"], subresources: ["status", "scale"], modelClass: "V1Deployment" },
  { group: "apps", version: "v1", kind: "ReplicaSet", plural: "replicasets", singular: "replicaset", namespaced: true, shortNames: ["rs"], categories: ["all"], subresources: ["status", "scale"], modelClass: "V1ReplicaSet" },
  { group: "apps", version: "v1", kind: "StatefulSet", plural: "statefulsets", singular: "statefulset", namespaced: true, shortNames: ["sts"], categories: ["all"], subresources: ["status", "scale"], modelClass: "V1StatefulSet" },
  { group: "apps", version: "v1", kind: "ControllerRevision", plural: "controllerrevisions", singular: "controllerrevision", namespaced: true, modelClass: "V1ControllerRevision" },
  { group: "apps", version: "v1", kind: "DaemonSet", plural: "daemonsets", singular: "daemonset", namespaced: true, shortNames: ["ds"], categories: ["all"], subresources: ["status"], modelClass: "V1DaemonSet" },
  { group: "batch", version: "v1", kind: "Job", plural: "jobs", singular: "job", namespaced: true, categories: ["all"], subresources: ["status"], modelClass: "V1Job" },
  { group: "batch", version: "v1", kind: "CronJob", plural: "cronjobs", singular: "cronjob", namespaced: true, shortNames: ["cj"], categories: ["all"], subresources: ["status"], modelClass: "V1CronJob" },
  { group: "networking.k8s.io", version: "v1", kind: "Ingress", plural: "ingresses", singular: "ingress", namespaced: true, shortNames: ["ing"], subresources: ["status"], modelClass: "V1Ingress" },
  { group: "networking.k8s.io", version: "v1", kind: "IngressClass", plural: "ingressclasses", singular: "ingressclass", namespaced: false, modelClass: "V1IngressClass" },
  { group: "storage.k8s.io", version: "v1", kind: "StorageClass", plural: "storageclasses", singular: "storageclass", namespaced: false, shortNames: ["sc"], modelClass: "V1StorageClass" },
  { group: "rbac.authorization.k8s.io", version: "v1", kind: "ClusterRole", plural: "clusterroles", singular: "clusterrole", namespaced: false, modelClass: "V1ClusterRole" },
  { group: "rbac.authorization.k8s.io", version: "v1", kind: "ClusterRoleBinding", plural: "clusterrolebindings", singular: "clusterrolebinding", namespaced: false, modelClass: "V1ClusterRoleBinding" },
  { group: "rbac.authorization.k8s.io", version: "v1", kind: "Role", plural: "roles", singular: "role", namespaced: true, modelClass: "V1Role" },
  { group: "rbac.authorization.k8s.io", version: "v1", kind: "RoleBinding", plural: "rolebindings", singular: "rolebinding", namespaced: true, modelClass: "V1RoleBinding" },
  { group: "metrics.k8s.io", version: "v1beta1", kind: "PodMetrics", plural: "pods", singular: "", namespaced: true, readOnly: true },
  { group: "metrics.k8s.io", version: "v1beta1", kind: "NodeMetrics", plural: "nodes", singular: "", namespaced: false, readOnly: true },
];

export function verbsOf(kind: KindDescriptor): string[] {
  if (kind.readOnly) return READ_VERBS;
  // Namespaces cannot be deleted as a collection.
  return kind.kind === "Namespace" ? WRITE_VERBS.filter((v) => v !== "deletecollection") : WRITE_VERBS;
}

export function apiVersionOf(kind: Pick<KindDescriptor, "group" | "version">): string {
  return kind.group ? `${kind.group}/${kind.version}` : kind.version;
}

export function refOf(kind: KindDescriptor): ResourceRef {
  return { group: kind.group, version: kind.version, plural: kind.plural };
}

/** `deployments.apps`, `pods` — the qualified resource name used in error messages. */
export function qualifiedResource(ref: Pick<ResourceRef, "group" | "plural">): string {
  return ref.group ? `${ref.plural}.${ref.group}` : ref.plural;
}

export function findKind(ref: ResourceRef): KindDescriptor | undefined {
  return KINDS.find((k) => k.group === ref.group && k.version === ref.version && k.plural === ref.plural);
}

export function findKindByGvk(apiVersion: string, kind: string): KindDescriptor | undefined {
  return KINDS.find((k) => apiVersionOf(k) === apiVersion && k.kind === kind);
}

export function resourceKey(ref: ResourceRef): string {
  return `${ref.group}/${ref.version}/${ref.plural}`;
}

/** Group versions served, in the order the real server lists them (core first). */
export function groupVersions(): Array<{ group: string; version: string }> {
  const seen = new Map<string, { group: string; version: string }>();
  for (const k of KINDS) seen.set(apiVersionOf(k), { group: k.group, version: k.version });
  return [...seen.values()];
}
