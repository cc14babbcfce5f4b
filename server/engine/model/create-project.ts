import type { KubeConfig } from "@kubernetes/client-node";
import { projectCreateSchema, type ProjectCreate } from "@/lib/schemas/project";
import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { auditChange, type Acting } from "@/server/auth/audit";
import { toProjectRecord, type ProjectRecord } from "@/server/engine/model/get-project";
import { renderNamespace } from "@/server/engine/render/render-namespace";
import { applyObject } from "@/server/kube/apply-object";
import { isKubeApiError } from "@/server/kube/kube-api-error";
import type { KubeObject } from "@/server/kube/kube-object";

/** The project's Namespace, applied as every deploy applies it (field manager `berth`). */
async function applyProjectNamespace(kubeConfig: KubeConfig, data: ProjectCreate): Promise<void> {
  try {
    await applyObject(kubeConfig, renderNamespace({ name: data.name, displayName: data.displayName ?? undefined }) as KubeObject);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    if (isKubeApiError(err, 403)) throw new AppError({ code: "forbidden", message: `Project "${data.name}" was not created: Berth may not create its namespace (${reason}) — grant namespaces in the ClusterRole (deploy/berth.yaml).` });
    if (isKubeApiError(err) && err.code < 500) throw new AppError({ code: "invalid", message: `Project "${data.name}" was not created: the cluster refused its namespace (${reason}).` });
    throw new AppError({ code: "cluster_unavailable", message: `Project "${data.name}" was not created: its namespace could not be created in the cluster (${reason}). Try again when the cluster answers.` });
  }
}

/**
 * Creates a project: its Namespace in the cluster first, so the YAML editor's "New resource"
 * works before any app is deployed, then its row. Without a connected cluster (`kubeConfig`
 * undefined) only the row is written and the first deploy creates the Namespace, as it renders
 * it anyway. Deleting the project removes the Namespace (delete-project.ts).
 */
export async function createProject(by: Acting, input: unknown, kubeConfig?: KubeConfig): Promise<ProjectRecord> {
  const data: ProjectCreate = projectCreateSchema.parse(input);
  const refuseTaken = () => new AppError({ code: "conflict", message: `A project named "${data.name}" already exists — pick another name.` });
  if (await getDb().project.findUnique({ where: { name: data.name }, select: { id: true } })) throw refuseTaken();
  if (kubeConfig) await applyProjectNamespace(kubeConfig, data);
  return getDb().$transaction(async (tx) => {
    if (await tx.project.findUnique({ where: { name: data.name }, select: { id: true } })) throw refuseTaken();
    const row = await tx.project.create({ data: { name: data.name, displayName: data.displayName ?? null }, include: { _count: { select: { apps: true } } } });
    await auditChange(tx, by, "project.create", row.name);
    return toProjectRecord(row);
  });
}
