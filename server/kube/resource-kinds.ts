/**
 * The kinds server/kube can address without discovery: everything Berth renders or watches.
 * A small descriptor per kind (as headlamp does) is enough to build every REST path; raw YAML of
 * other kinds will need discovery, which is not here yet.
 * Paths follow https://kubernetes.io/docs/reference/using-api/api-concepts/#resource-uris
 */
import { AppError } from "@/server/errors";

export interface ResourceKind {
  apiVersion: string;
  kind: string;
  plural: string;
  namespaced: boolean;
}

const KNOWN: ResourceKind[] = [
  { apiVersion: "v1", kind: "Namespace", plural: "namespaces", namespaced: false },
  { apiVersion: "v1", kind: "Secret", plural: "secrets", namespaced: true },
  { apiVersion: "v1", kind: "ConfigMap", plural: "configmaps", namespaced: true },
  { apiVersion: "v1", kind: "PersistentVolumeClaim", plural: "persistentvolumeclaims", namespaced: true },
  { apiVersion: "v1", kind: "Service", plural: "services", namespaced: true },
  { apiVersion: "v1", kind: "Pod", plural: "pods", namespaced: true },
  { apiVersion: "v1", kind: "Event", plural: "events", namespaced: true },
  { apiVersion: "apps/v1", kind: "Deployment", plural: "deployments", namespaced: true },
  { apiVersion: "apps/v1", kind: "ReplicaSet", plural: "replicasets", namespaced: true },
  { apiVersion: "networking.k8s.io/v1", kind: "Ingress", plural: "ingresses", namespaced: true },
];

const BY_KEY = new Map(KNOWN.map((k) => [`${k.apiVersion}/${k.kind}`, k]));

/** The descriptor for an apiVersion and kind, or an AppError naming the unsupported kind. */
export function resourceKindOf(apiVersion: string, kind: string): ResourceKind {
  const found = BY_KEY.get(`${apiVersion}/${kind}`);
  if (!found) {
    throw new AppError({ code: "invalid", message: `Berth cannot manage ${kind} (${apiVersion}) objects yet; use one of: ${KNOWN.map((k) => k.kind).join(", ")}.` });
  }
  return found;
}

/** Looks a kind up by its name alone (all kinds Berth knows have one version). */
export function resourceKindNamed(kind: string): ResourceKind {
  const found = KNOWN.find((k) => k.kind === kind);
  if (!found) throw new AppError({ code: "invalid", message: `Berth does not know the kind ${kind}.` });
  return found;
}

/** `/api/v1/namespaces/ns/secrets/name`, `/apis/apps/v1/deployments` (all namespaces), … */
export function resourcePath(kind: ResourceKind, namespace?: string, name?: string): string {
  const root = kind.apiVersion.includes("/") ? `/apis/${kind.apiVersion}` : `/api/${kind.apiVersion}`;
  const ns = kind.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : "";
  const tail = name ? `/${encodeURIComponent(name)}` : "";
  return `${root}${ns}/${kind.plural}${tail}`;
}
