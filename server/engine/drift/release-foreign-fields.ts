/**
 * What a forced apply cannot take back: server-side apply only sets the fields Berth sends, so an
 * env variable or a resource request someone else added (`kubectl set env`, `kubectl set
 * resources`) on a field the spec leaves unset survives Re-apply, still owned by them. After a
 * forced apply (Re-apply, Adopt) Berth removes those with one JSON Patch whose `test` operations
 * make it conditional: if the Deployment changed meanwhile, the patch fails instead of removing
 * the wrong entry. Only the modelled fields are touched; the rest stays whoever's it is.
 * https://kubernetes.io/docs/reference/using-api/server-side-apply/#transferring-ownership
 */
import type { KubeConfig } from "@kubernetes/client-node";
import type { Deployment } from "kubernetes-types/apps/v1";
import { linkVariables } from "@/lib/schemas/database-link";
import { decodeSpecAnnotation } from "@/server/engine/render/spec-annotation";
import { FIELD_MANAGER } from "@/server/kube/apply-object";
import { resourceKindOf, resourcePath } from "@/server/kube/kind-registry";
import { kubeClientsFor } from "@/server/kube/kube-clients";
import type { KubeObject } from "@/server/kube/kube-object";

type JsonPatchOp = { op: "test"; path: string; value: unknown } | { op: "remove"; path: string };

/** The JSON Patch removing literal env entries and CPU/memory slots Berth's spec does not set; empty when there are none. */
export function foreignAdditionsPatch(deployment: Deployment): JsonPatchOp[] {
  const decoded = decodeSpecAnnotation(deployment);
  if (!decoded.ok) return [];
  const spec = decoded.spec;
  const containers = deployment.spec?.template?.spec?.containers ?? [];
  const index = containers.findIndex((c) => c.name === spec.name);
  if (index < 0) return [];
  const base = `/spec/template/spec/containers/${index}`;
  const ops: JsonPatchOp[] = [];
  const rendered = new Set([...spec.env, ...spec.secretEnv, ...(spec.links ?? []).flatMap(linkVariables)].map((v) => v.name));
  const env = containers[index].env ?? [];
  // From the end, so each removal leaves the earlier indexes where the tests expect them.
  for (let i = env.length - 1; i >= 0; i--) {
    if (env[i].valueFrom || rendered.has(env[i].name)) continue;
    ops.push({ op: "test", path: `${base}/env/${i}/name`, value: env[i].name }, { op: "remove", path: `${base}/env/${i}` });
  }
  const resources = containers[index].resources;
  for (const list of ["requests", "limits"] as const) {
    for (const key of ["cpu", "memory"] as const) {
      const value = resources?.[list]?.[key];
      if (value === undefined || spec.resources?.[list]?.[key] !== undefined) continue;
      const path = `${base}/resources/${list}/${key}`;
      ops.push({ op: "test", path, value }, { op: "remove", path });
    }
  }
  return ops;
}

/** After a forced apply: removes others' additions from the applied Deployment; returns the objects with it as patched. */
export async function releaseForeignFields(kubeConfig: KubeConfig, applied: KubeObject[], signal?: AbortSignal): Promise<KubeObject[]> {
  const deployment = applied.find((o) => o.kind === "Deployment");
  const ops = deployment ? foreignAdditionsPatch(deployment as unknown as Deployment) : [];
  if (!deployment || ops.length === 0) return applied;
  const path = resourcePath(resourceKindOf(deployment.apiVersion, deployment.kind), deployment.metadata.namespace, deployment.metadata.name);
  const patched = await kubeClientsFor(kubeConfig).request<KubeObject>({
    method: "PATCH",
    path,
    query: { fieldManager: FIELD_MANAGER },
    contentType: "application/json-patch+json",
    body: ops,
    signal,
  });
  return applied.map((o) => (o === deployment ? patched : o));
}
