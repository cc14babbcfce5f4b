/**
 * Decides where each document of the editor goes: its REST resource (via discovery, so CRDs
 * work), and its namespace — the project's own unless the document names another. Anything
 * outside the project (another namespace, or a cluster-scoped kind) needs an admin who said so
 * explicitly (`allowOutsideProject`), so a pasted manifest cannot quietly change another tenant.
 */
import type { KubeConfig } from "@kubernetes/client-node";
import type { ParsedYamlDocument } from "@/lib/yaml/parse-yaml-safely";
import type { Principal } from "@/server/auth/principal";
import { namespaceName } from "@/server/engine/names";
import { AppError } from "@/server/errors";
import { discoverResourceKind } from "@/server/kube/discover-kind";
import type { KubeObject } from "@/server/kube/kube-object";
import type { ResourceKind } from "@/server/kube/kind-registry";

export interface EditorTarget {
  document: ParsedYamlDocument;
  kind: ResourceKind;
  object: KubeObject;
  isOutsideProject: boolean;
}

function asObject(doc: ParsedYamlDocument): KubeObject {
  const value = doc.value as Partial<KubeObject> | null;
  const where = `Document ${doc.index + 1} (line ${doc.line})`;
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new AppError({ code: "invalid", message: `${where} is not a Kubernetes object; it must be a mapping with apiVersion, kind and metadata.` });
  if (typeof value.apiVersion !== "string" || !value.apiVersion) throw new AppError({ code: "invalid", message: `${where} has no apiVersion; add one, e.g. "apiVersion: apps/v1".` });
  if (typeof value.kind !== "string" || !value.kind) throw new AppError({ code: "invalid", message: `${where} has no kind; add one, e.g. "kind: Deployment".` });
  const metadata = value.metadata;
  if (typeof metadata !== "object" || metadata === null || typeof metadata.name !== "string" || !metadata.name) {
    throw new AppError({ code: "invalid", message: `${where} (${value.kind}) has no metadata.name; give the object a name.` });
  }
  return value as KubeObject;
}

export async function resolveEditorTargets(
  kubeConfig: KubeConfig,
  documents: ParsedYamlDocument[],
  context: { project: string; principal: Principal; allowOutsideProject: boolean },
): Promise<EditorTarget[]> {
  const projectNamespace = namespaceName(context.project);
  const targets: EditorTarget[] = [];
  for (const document of documents) {
    const object = asObject(document);
    const kind = await discoverResourceKind(kubeConfig, object.apiVersion, object.kind);
    const metadata = { ...object.metadata };
    if (kind.namespaced) metadata.namespace ??= projectNamespace;
    else delete metadata.namespace;
    const isOutsideProject = !kind.namespaced || metadata.namespace !== projectNamespace;
    if (isOutsideProject) {
      const where = kind.namespaced ? `in namespace "${metadata.namespace}"` : "cluster-scoped";
      if (context.principal.role !== "admin") {
        throw new AppError({ code: "forbidden", message: `${object.kind} ${metadata.name} is ${where}, outside project "${context.project}"; only an admin can apply it.` });
      }
      if (!context.allowOutsideProject) {
        throw new AppError({
          code: "forbidden",
          message: `${object.kind} ${metadata.name} is ${where}, outside project "${context.project}" (namespace "${projectNamespace}"). Confirm that you mean to change it outside the project (allowOutsideProject=true), or remove metadata.namespace.`,
        });
      }
    }
    targets.push({ document, kind, object: { ...object, metadata }, isOutsideProject });
  }
  return targets;
}
