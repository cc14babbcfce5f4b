/**
 * Makes a registry login's Secret in the cluster match its row: applied (with the project's
 * Namespace, which may not exist before the first app) while the row exists, deleted once it is
 * gone. Reading the row when the operation runs, not when it was queued, keeps this idempotent
 * and right whatever order adds, updates and removals of one login run in.
 */
import type { KubeConfig } from "@kubernetes/client-node";
import type { PrismaClient } from "@/server/db/generated/client";
import { applyObjects } from "@/server/engine/apply-objects";
import { registryLoginOf } from "@/server/engine/model/registry-record";
import { namespaceName, registrySecretName } from "@/server/engine/names";
import { renderNamespace } from "@/server/engine/render/render-namespace";
import { renderRegistrySecret } from "@/server/engine/render/render-registry-secret";
import { deleteObject } from "@/server/kube/delete-object";
import type { KubeObject } from "@/server/kube/kube-object";

export async function syncRegistrySecret(
  kubeConfig: KubeConfig,
  db: PrismaClient,
  target: { project: string; server: string },
  signal?: AbortSignal,
): Promise<void> {
  const row = await db.registryCredential.findFirst({ where: { server: target.server, project: { name: target.project } }, include: { project: true } });
  if (!row) {
    await deleteObject(kubeConfig, { apiVersion: "v1", kind: "Secret", namespace: namespaceName(target.project), name: registrySecretName(target.server) }, { signal });
    return;
  }
  const secret = renderRegistrySecret(registryLoginOf(row), row.project.name);
  const namespace = renderNamespace({ name: row.project.name, displayName: row.project.displayName ?? undefined });
  await applyObjects(kubeConfig, [namespace, secret] as unknown as KubeObject[], { signal });
}
