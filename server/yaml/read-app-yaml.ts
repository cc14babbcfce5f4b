/**
 * The YAML tab's two read-only sources for one app: the live objects in the cluster (found by
 * Berth's labels, so PVCs and the Secret come along) and the manifests Berth rendered for the
 * app's current revision (as stored on the revision row, Secret data already blanked).
 */
import type { KubeConfig } from "@kubernetes/client-node";
import type { LiveYamlAnswer, RenderedYamlAnswer } from "@/lib/yaml/yaml-dto";
import { getDb } from "@/server/db/client";
import { findAppOrThrow } from "@/server/engine/model/app-record";
import { namespaceName } from "@/server/engine/names";
import type { KubeObject } from "@/server/kube/kube-object";
import { applyOrderOf } from "@/server/kube/kind-registry";
import { listAppObjects } from "@/server/engine/prune-app";
import { editableObject, redactSecretValues, toYaml } from "@/server/yaml/object-yaml";

/** The workload first (what people come to edit), then the rest in apply order, by name within a kind. */
function displayOrder(a: KubeObject, b: KubeObject): number {
  const rank = (o: KubeObject) => (o.kind === "Deployment" ? -1 : applyOrderOf(o));
  return rank(a) - rank(b) || a.metadata.name.localeCompare(b.metadata.name);
}

export async function readLiveAppYaml(kubeConfig: KubeConfig, project: string, app: string, options: { full: boolean }): Promise<LiveYamlAnswer> {
  await findAppOrThrow(getDb(), project, app);
  const namespace = namespaceName(project);
  const objects = (await listAppObjects(kubeConfig, project, app)).sort(displayOrder);
  return {
    project,
    app,
    namespace,
    objects: objects.map((o) => ({ kind: o.kind, name: o.metadata.name })),
    yaml: toYaml(objects.map((o) => editableObject(o, options))),
  };
}

export async function readRenderedAppYaml(project: string, app: string): Promise<RenderedYamlAnswer> {
  const row = await findAppOrThrow(getDb(), project, app);
  const db = getDb();
  const revision =
    (await db.revision.findFirst({ where: { appId: row.id, outcome: "succeeded" }, orderBy: { number: "desc" } })) ??
    (await db.revision.findFirst({ where: { appId: row.id }, orderBy: { number: "desc" } }));
  if (!revision) return { revision: null, yaml: "" };
  const objects = (JSON.parse(revision.objects) as KubeObject[]).map(redactSecretValues);
  return { revision: { number: revision.number, outcome: revision.outcome, createdAt: revision.createdAt.toISOString() }, yaml: toYaml(objects) };
}
