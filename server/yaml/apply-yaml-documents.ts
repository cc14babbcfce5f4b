/**
 * The editor's Apply flow on the server: dry-run every document (the API server's validation,
 * defaulting and admission, nothing stored), report each failure at its line and each conflict
 * with the manager that owns the field; then, when asked, apply for real under `berth-editor`.
 * The browser shows the dry-run's live-vs-proposed diff between the two steps.
 */
import type { KubeConfig } from "@kubernetes/client-node";
import type { LineCounter } from "yaml";
import { findFieldPosition } from "@/lib/yaml/field-path-position";
import type { ParsedYamlDocument } from "@/lib/yaml/parse-yaml-safely";
import type { YamlApplyResult, YamlDocumentResult, YamlFieldProblem } from "@/lib/yaml/yaml-dto";
import { recordAudit } from "@/server/auth/audit";
import type { Principal } from "@/server/auth/principal";
import { AppError } from "@/server/errors";
import { getProject } from "@/server/engine/model/get-project";
import { clusterKubeConfig } from "@/server/kube/cluster";
import { applyEditorObject, readEditorObject } from "@/server/kube/editor-apply";
import { isKubeApiError, type KubeApiError } from "@/server/kube/kube-api-error";
import { describeRef, refOf } from "@/server/kube/kube-object";
import { resolveEditorTargets, type EditorTarget } from "@/server/yaml/resolve-editor-targets";
import { comparableObject, toYaml } from "@/server/yaml/object-yaml";

export interface ApplyYamlInput {
  documents: ParsedYamlDocument[];
  lineCounter: LineCounter;
  project: string;
  principal: Principal;
  allowOutsideProject: boolean;
  force: boolean;
  clientIp?: string;
}

/**
 * Decoding errors (400) carry no causes; their message names the field: `strict decoding
 * error: unknown field "spec.replica"`, `cannot unmarshal string into Go struct field
 * DeploymentSpec.spec.replicas of type int32`.
 */
function causesFromMessage(message: string): Array<{ message: string; field?: string }> {
  const unknown = [...message.matchAll(/unknown field "([^"]+)"/g)].map((m) => ({ message: `unknown field "${m[1]}"; check its spelling and indentation`, field: m[1] }));
  if (unknown.length > 0) return unknown;
  const typed = /Go struct field [A-Z]\w*\.([\w.]+) of type (\w+)/.exec(message);
  if (typed) return [{ message: `must be of type ${typed[2]}`, field: typed[1] }];
  return [{ message }];
}

function fieldProblems(target: EditorTarget, lineCounter: LineCounter, err: KubeApiError): YamlFieldProblem[] {
  const causes = err.body.details?.causes ?? [];
  const list = causes.length > 0 ? causes : causesFromMessage(err.body.message ?? err.message);
  return list.map((cause) => {
    const field = cause.field?.replace(/^\./, "");
    const position = field ? findFieldPosition(target.document.doc, lineCounter, field) : undefined;
    const message = cause.message ?? err.body.message ?? "The API server refused this field.";
    return {
      message: field && !message.includes(field) ? `${field}: ${message}` : message,
      field,
      line: position?.line ?? target.document.line,
      column: position?.column ?? 1,
      endLine: position?.endLine ?? target.document.line,
      endColumn: position?.endColumn ?? 1000,
      manager: /conflict with "([^"]+)"/.exec(cause.message ?? "")?.[1],
    };
  });
}

function failed(target: EditorTarget, lineCounter: LineCounter, err: unknown): YamlDocumentResult | undefined {
  const base = { index: target.document.index, ref: refOf(target.object), line: target.document.line };
  if (isKubeApiError(err, 409)) {
    const problems = fieldProblems(target, lineCounter, err);
    const managers = [...new Set(problems.flatMap((p) => (p.manager ? [p.manager] : [])))];
    const fields = problems.map((p) => p.field).filter(Boolean).join(", ");
    const owners = managers.length ? managers.map((m) => `"${m}"`).join(" and ") : "another field manager";
    return { ...base, outcome: "conflict", message: `${describeRef(refOf(target.object))}: ${fields || "some fields"} ${problems.length > 1 ? "are" : "is"} owned by ${owners}. Apply with force to take ${problems.length > 1 ? "them" : "it"} over.`, problems };
  }
  if (isKubeApiError(err) && (err.code === 422 || err.code === 400)) {
    return { ...base, outcome: "invalid", message: err.body.message ?? "The API server refused the object.", problems: fieldProblems(target, lineCounter, err) };
  }
  return undefined;
}

async function runOne(kubeConfig: KubeConfig, target: EditorTarget, input: ApplyYamlInput, dryRun: boolean): Promise<YamlDocumentResult> {
  const { object, kind } = target;
  try {
    const live = dryRun ? await readEditorObject(kubeConfig, kind, object.metadata.namespace, object.metadata.name) : undefined;
    const result = await applyEditorObject(kubeConfig, kind, object, { dryRun, force: input.force });
    return {
      index: target.document.index,
      ref: refOf(result),
      line: target.document.line,
      outcome: "ok",
      message: dryRun ? `${describeRef(refOf(result))} would be ${live ? "changed" : "created"}.` : `${describeRef(refOf(result))} applied.`,
      problems: [],
      ...(dryRun ? { isNew: !live, live: live ? toYaml([comparableObject(live)]) : "", proposed: toYaml([comparableObject(result)]) } : {}),
    };
  } catch (err) {
    const result = failed(target, input.lineCounter, err);
    if (result) return result;
    throw err;
  }
}

/** The project must exist (404) before the cluster is asked anything. */
async function editorCluster(input: ApplyYamlInput): Promise<KubeConfig> {
  await getProject(input.project);
  return clusterKubeConfig();
}

/** Dry-runs every document in `input.project`; nothing is stored. */
export async function dryRunYaml(input: ApplyYamlInput): Promise<YamlApplyResult> {
  const kubeConfig = await editorCluster(input);
  const targets = await resolveEditorTargets(kubeConfig, input.documents, input);
  const documents: YamlDocumentResult[] = [];
  for (const target of targets) documents.push(await runOne(kubeConfig, target, input, true));
  return { ok: documents.every((d) => d.outcome === "ok"), dryRun: true, documents };
}

/**
 * Applies every document in order, stopping at the first failure (later documents often depend
 * on earlier ones: a Namespace before what goes in it). Each applied object is audited.
 */
export async function applyYaml(input: ApplyYamlInput): Promise<YamlApplyResult> {
  const kubeConfig = await editorCluster(input);
  const targets = await resolveEditorTargets(kubeConfig, input.documents, input);
  const documents: YamlDocumentResult[] = [];
  for (const target of targets) {
    const result = await runOne(kubeConfig, target, input, false);
    documents.push(result);
    if (result.outcome !== "ok") {
      const code = result.outcome === "conflict" ? "conflict" : "invalid";
      throw new AppError({ code, status: code === "invalid" ? 422 : 409, message: `${result.message}${documents.length > 1 ? ` (${documents.length - 1} earlier document${documents.length > 2 ? "s were" : " was"} applied)` : ""}` });
    }
    await recordAudit({
      actor: { userId: input.principal.userId, userName: input.principal.userName },
      action: "yaml.apply",
      target: describeRef(result.ref),
      ip: input.clientIp ?? null,
      detail: { project: input.project, fieldManager: "berth-editor", force: input.force, outsideProject: target.isOutsideProject },
    });
  }
  return { ok: true, dryRun: false, documents };
}
