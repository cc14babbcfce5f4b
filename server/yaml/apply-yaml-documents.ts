/**
 * The editor's Apply flow on the server: dry-run every document (the API server's validation,
 * defaulting and admission, nothing stored), report each failure at its line and each conflict
 * with the manager that owns the field; then, when asked, apply for real under `berth-editor`.
 * The browser shows the dry-run's live-vs-proposed diff between the two steps.
 */
import type { KubeConfig } from "@kubernetes/client-node";
import type { LineCounter } from "yaml";
import type { ParsedYamlDocument } from "@/lib/yaml/parse-yaml-safely";
import type { YamlApplyResult, YamlDocumentResult } from "@/lib/yaml/yaml-dto";
import { recordAudit } from "@/server/auth/audit";
import type { Principal } from "@/server/auth/principal";
import { AppError } from "@/server/errors";
import { getProject } from "@/server/engine/model/get-project";
import { clusterKubeConfig } from "@/server/kube/cluster";
import { applyEditorObject, readEditorObject } from "@/server/kube/editor-apply";
import { describeRef, refOf, type KubeObject } from "@/server/kube/kube-object";
import { describeApplyFailure } from "@/server/yaml/describe-apply-failure";
import { isRefused, resolveEditorTargets, type EditorTarget, type RefusedDocument } from "@/server/yaml/resolve-editor-targets";
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

async function runOne(kubeConfig: KubeConfig, target: EditorTarget, input: ApplyYamlInput, dryRun: boolean): Promise<YamlDocumentResult> {
  const { object, kind } = target;
  let live: KubeObject | undefined;
  try {
    live = dryRun ? await readEditorObject(kubeConfig, kind, object.metadata.namespace, object.metadata.name) : undefined;
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
    return describeApplyFailure(target.document, input.lineCounter, refOf(object), err, { exists: live !== undefined });
  }
}

/** The project must exist (404) before the cluster is asked anything. */
async function editorCluster(input: ApplyYamlInput): Promise<KubeConfig> {
  await getProject(input.project);
  return clusterKubeConfig();
}

function runEach(kubeConfig: KubeConfig, target: EditorTarget | RefusedDocument, input: ApplyYamlInput, dryRun: boolean): Promise<YamlDocumentResult> {
  return isRefused(target) ? Promise.resolve(target.result) : runOne(kubeConfig, target, input, dryRun);
}

/** How a failed document answers the apply request: its mistake 422, the API server's failure 502. */
const ANSWER_BY_OUTCOME = {
  invalid: { code: "invalid", status: 422 },
  conflict: { code: "conflict", status: 409 },
  forbidden: { code: "forbidden", status: 403 },
  not_found: { code: "not_found", status: 404 },
  failed: { code: "internal", status: 502 },
} as const;

/** Dry-runs every document, each with its own result whatever the others' are; nothing is stored. */
export async function dryRunYaml(input: ApplyYamlInput): Promise<YamlApplyResult> {
  return dryRunYamlOn(await editorCluster(input), input);
}

/** The dry run against a given API server (the recorded-answer tests give it a stand-in). */
export async function dryRunYamlOn(kubeConfig: KubeConfig, input: ApplyYamlInput): Promise<YamlApplyResult> {
  const targets = await resolveEditorTargets(kubeConfig, input.documents, input);
  const documents: YamlDocumentResult[] = [];
  for (const target of targets) documents.push(await runEach(kubeConfig, target, input, true));
  return { ok: documents.every((d) => d.outcome === "ok"), dryRun: true, documents };
}

function refuse(result: YamlDocumentResult, appliedBefore: number): never {
  const { code, status } = ANSWER_BY_OUTCOME[result.outcome as keyof typeof ANSWER_BY_OUTCOME];
  const earlier = appliedBefore > 0 ? ` (${appliedBefore} earlier document${appliedBefore > 1 ? "s were" : " was"} applied)` : "";
  // The answer has no per-document list, so the lines the message does not already tell are added.
  const details = result.problems.filter((p) => !result.message.includes(p.message)).map((p) => ` Line ${p.line}, column ${p.column}: ${p.message}.`);
  throw new AppError({ code, status, message: `${result.message}${earlier}${details.join("")}` });
}

/**
 * Applies every document in order, stopping at the first failure (later documents often depend
 * on earlier ones: a Namespace before what goes in it); a document refused before reaching the
 * API server stops the request before anything is applied. Each applied object is audited.
 */
export async function applyYaml(input: ApplyYamlInput): Promise<YamlApplyResult> {
  const kubeConfig = await editorCluster(input);
  const targets = await resolveEditorTargets(kubeConfig, input.documents, input);
  const refused = targets.find(isRefused);
  if (refused) refuse(refused.result, 0);
  const documents: YamlDocumentResult[] = [];
  for (const target of targets as EditorTarget[]) {
    const result = await runOne(kubeConfig, target, input, false);
    if (result.outcome !== "ok") refuse(result, documents.length);
    documents.push(result);
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
