import type { PodSecurityContext, SecurityContext } from "kubernetes-types/core/v1";
import type { AppSpec } from "@/lib/schemas/app";

/**
 * The app's securityContext, split where Kubernetes puts each field: fsGroup and its change
 * policy belong to the pod (they act on volumes), the user, group and read-only root to the
 * container. fsGroupChangePolicy defaults to OnRootMismatch: the kubelet then re-owns a volume
 * only when its root is not already right, instead of walking every file on every start.
 * https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#configure-volume-permission-and-ownership-change-policy-for-pods
 */
export function podSecurityContextOf(app: AppSpec): PodSecurityContext | undefined {
  const sc = app.securityContext;
  if (sc?.fsGroup === undefined) return undefined;
  return { fsGroup: sc.fsGroup, fsGroupChangePolicy: sc.fsGroupChangePolicy ?? "OnRootMismatch" };
}

export function containerSecurityContextOf(app: AppSpec): SecurityContext | undefined {
  const sc = app.securityContext;
  const out: SecurityContext = {
    ...(sc?.runAsUser !== undefined ? { runAsUser: sc.runAsUser } : {}),
    ...(sc?.runAsGroup !== undefined ? { runAsGroup: sc.runAsGroup } : {}),
    ...(sc?.readOnlyRootFilesystem ? { readOnlyRootFilesystem: true } : {}),
  };
  return Object.keys(out).length > 0 ? out : undefined;
}
