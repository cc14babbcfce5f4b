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
import { LABEL_APP, LABEL_PROJECT } from "@/server/engine/render/labels";
import { listManaged } from "@/server/kube/list-managed";
import type { KubeObject } from "@/server/kube/kube-object";
import { resourceKindNamed } from "@/server/kube/resource-kinds";
import { editableObject, redactSecretValues, toYaml } from "@/server/yaml/object-yaml";

const LIVE_KINDS = ["Deployment", "Service", "Ingress", "PersistentVolumeClaim", "Secret"] as const;

export async function readLiveAppYaml(kubeConfig: KubeConfig, project: string, app: string, options: { full: boolean }): Promise<LiveYamlAnswer> {
  await findAppOrThrow(getDb(), project, app);
  const namespace = namespaceName(project);
  const labels = { [LABEL_PROJECT]: project, [LABEL_APP]: app };
  const lists = await Promise.all(LIVE_KINDS.map((kind) => listManaged(kubeConfig, resourceKindNamed(kind), { namespace, labels })));
  const objects: KubeObject[] = lists.flatMap((list) => [...list.items].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name)));
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
