/**
 * Server-side apply of one object under Berth's field manager.
 * https://kubernetes.io/docs/reference/using-api/server-side-apply/
 */
import type { KubeConfig } from "@kubernetes/client-node";
import { AppError } from "@/server/errors";
import { kubeClientsFor } from "@/server/kube/kube-clients";
import { isKubeApiError, type KubeApiError } from "@/server/kube/kube-api-error";
import { describeRef, refOf, type KubeObject } from "@/server/kube/kube-object";
import { resourceKindOf, resourcePath } from "@/server/kube/kind-registry";

/** Every write Berth makes is recorded under this manager in `metadata.managedFields`. */
export const FIELD_MANAGER = "berth";

export interface ApplyOptions {
  /**
   * Take over fields another manager owns. Off by default: a conflict means someone changed the
   * object outside Berth, and the user should decide. The engine sets it only for an explicit
   * "re-apply" after drift.
   */
  force?: boolean;
  dryRun?: boolean;
  timeoutMs?: number;
  /** Abandons the request (the engine is stopping). */
  signal?: AbortSignal;
  /** Another manager than Berth's own, for a temporary change it takes back later (a restore scaling a workload to 0). */
  fieldManager?: string;
}

/**
 * Applies `obj` and returns the live object. A field-manager conflict becomes
 * AppError("conflict") with a sentence naming the other manager and the fields; every other
 * failure is thrown as is (KubeApiError / KubeNetworkError) so callers can decide to retry.
 */
export async function applyObject(kubeConfig: KubeConfig, obj: KubeObject, options: ApplyOptions = {}): Promise<KubeObject> {
  const kind = resourceKindOf(obj.apiVersion, obj.kind);
  const body = { ...obj, metadata: { ...obj.metadata } };
  delete body.metadata.managedFields;
  delete body.metadata.resourceVersion;
  try {
    return await kubeClientsFor(kubeConfig).request<KubeObject>({
      method: "PATCH",
      path: resourcePath(kind, obj.metadata.namespace, obj.metadata.name),
      query: {
        fieldManager: options.fieldManager ?? FIELD_MANAGER,
        force: options.force ? true : undefined,
        dryRun: options.dryRun ? "All" : undefined,
      },
      body,
      contentType: "application/apply-patch+yaml",
      timeoutMs: options.timeoutMs,
      signal: options.signal,
    });
  } catch (err) {
    if (isKubeApiError(err, 409)) throw conflictError(obj, err);
    throw err;
  }
}

/**
 * "Deployment shop/web: field .spec.replicas is owned by "kubectl-edit" …". The API server lists
 * each conflict as a `FieldManagerConflict` cause whose message reads `conflict with "<manager>"…`.
 */
function conflictError(obj: KubeObject, err: KubeApiError): AppError {
  const causes = (err.body.details?.causes ?? []).filter((c) => c.type === "FieldManagerConflict" || c.field);
  const byManager = new Map<string, string[]>();
  for (const cause of causes) {
    const manager = /conflict with "([^"]+)"/.exec(cause.message ?? "")?.[1] ?? "another manager";
    byManager.set(manager, [...(byManager.get(manager) ?? []), cause.field ?? "?"]);
  }
  const where = describeRef(refOf(obj));
  if (byManager.size === 0) {
    return new AppError({ code: "conflict", message: `${where} could not be applied: ${err.body.message ?? "the API server reported a conflict"}.` });
  }
  const parts = [...byManager].map(([manager, fields]) => `"${manager}" owns ${fields.join(", ")}`);
  return new AppError({
    code: "conflict",
    message:
      `${where} was changed outside Berth: ${parts.join("; ")}. Berth did not overwrite ` +
      "those changes — re-apply with force to restore Berth's values, or copy the change into the app's settings.",
  });
}
