/**
 * Decides where each document of the editor goes: its REST resource (via discovery, so CRDs
 * work), and its namespace — the project's own unless the document names another. Anything
 * outside the project (another namespace, or a cluster-scoped kind) needs an admin who said so
 * explicitly (`allowOutsideProject`), so a pasted manifest cannot quietly change another tenant;
 * that refusal is the whole request's. A document that is no Kubernetes object, or of a kind the
 * cluster does not serve, is refused on its own (`RefusedDocument`) and the others still run.
 */
import type { KubeConfig } from "@kubernetes/client-node";
import type { LineCounter } from "yaml";
import { findFieldPosition } from "@/lib/yaml/field-path-position";
import type { ParsedYamlDocument } from "@/lib/yaml/parse-yaml-safely";
import type { YamlDocumentResult } from "@/lib/yaml/yaml-dto";
import type { Principal } from "@/server/auth/principal";
import { namespaceName } from "@/server/engine/names";
import { AppError } from "@/server/errors";
import { discoverResourceKind } from "@/server/kube/discover-kind";
import { isKubeApiError } from "@/server/kube/kube-api-error";
import type { KubeObject } from "@/server/kube/kube-object";
import type { ResourceKind } from "@/server/kube/kind-registry";
import { throwIfUnavailable } from "@/server/yaml/describe-apply-failure";

export interface EditorTarget {
  document: ParsedYamlDocument;
  kind: ResourceKind;
  object: KubeObject;
  isOutsideProject: boolean;
}

/** A document refused before it reached the API server, with the sentence saying why. */
export interface RefusedDocument {
  document: ParsedYamlDocument;
  result: YamlDocumentResult;
}

export function isRefused(target: object): target is RefusedDocument {
  return "result" in target && "document" in target && !("apiVersion" in target);
}

function refusal(document: ParsedYamlDocument, lineCounter: LineCounter, message: string, field?: string, outcome: "invalid" | "failed" = "invalid"): RefusedDocument {
  const value = (typeof document.value === "object" && document.value !== null ? document.value : {}) as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  const ref = { apiVersion: text(value.apiVersion), kind: text(value.kind), name: text(value.metadata?.name), ...(text(value.metadata?.namespace) ? { namespace: text(value.metadata?.namespace) } : {}) };
  const at = field ? findFieldPosition(document.doc, lineCounter, field) : undefined;
  const problem = { message, field, line: at?.line ?? document.line, column: at?.column ?? 1, endLine: at?.endLine ?? document.line, endColumn: at?.endColumn ?? 1000 };
  return { document, result: { index: document.index, ref, line: document.line, outcome, message, problems: [problem] } };
}

/** The document as a Kubernetes object, or the sentence saying what it lacks. */
function asObject(doc: ParsedYamlDocument, lineCounter: LineCounter): KubeObject | RefusedDocument {
  const value = doc.value as Partial<KubeObject> | null;
  const where = `Document ${doc.index + 1} (line ${doc.line})`;
  if (typeof value !== "object" || value === null || Array.isArray(value)) return refusal(doc, lineCounter, `${where} is not a Kubernetes object; it must be a mapping with apiVersion, kind and metadata.`);
  if (typeof value.apiVersion !== "string" || !value.apiVersion) return refusal(doc, lineCounter, `${where} has no apiVersion; add one, e.g. "apiVersion: apps/v1".`);
  if (typeof value.kind !== "string" || !value.kind) return refusal(doc, lineCounter, `${where} has no kind; add one, e.g. "kind: Deployment".`);
  const metadata = value.metadata;
  if (typeof metadata !== "object" || metadata === null || typeof metadata.name !== "string" || !metadata.name) {
    return refusal(doc, lineCounter, `${where} (${value.kind}) has no metadata.name; give the object a name.`, "metadata");
  }
  return value as KubeObject;
}

/** Discovery's answer for the document's kind, or its refusal when the cluster does not serve it. */
async function kindOf(kubeConfig: KubeConfig, lineCounter: LineCounter, document: ParsedYamlDocument, object: KubeObject): Promise<ResourceKind | RefusedDocument> {
  try {
    return await discoverResourceKind(kubeConfig, object.apiVersion, object.kind);
  } catch (err) {
    const where = `Document ${document.index + 1} (line ${document.line})`;
    if (err instanceof AppError && err.code === "invalid") return refusal(document, lineCounter, `${where}: ${err.message}`, "kind");
    throwIfUnavailable(err);
    if (isKubeApiError(err) && err.code !== 401) {
      return refusal(document, lineCounter, `${where}: the API server failed to say which resource serves ${object.kind} in ${object.apiVersion} (HTTP ${err.code}): ${err.body.message ?? err.message}`, "kind", "failed");
    }
    throw err;
  }
}

export async function resolveEditorTargets(
  kubeConfig: KubeConfig,
  documents: ParsedYamlDocument[],
  context: { project: string; principal: Principal; allowOutsideProject: boolean; lineCounter: LineCounter },
): Promise<Array<EditorTarget | RefusedDocument>> {
  const projectNamespace = namespaceName(context.project);
  const targets: Array<EditorTarget | RefusedDocument> = [];
  for (const document of documents) {
    const object = asObject(document, context.lineCounter);
    if (isRefused(object)) {
      targets.push(object);
      continue;
    }
    const kind = await kindOf(kubeConfig, context.lineCounter, document, object);
    if (isRefused(kind)) {
      targets.push(kind);
      continue;
    }
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
