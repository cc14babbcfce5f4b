/**
 * Turns the API server's refusal of one editor document into that document's result: what went
 * wrong, in a sentence, on the lines it concerns. Classified by what the answer means, not by its
 * code alone — a real kube-apiserver answers a misspelt or mistyped field in a server-side apply
 * with a 500 ("failed to create typed patch object …", recorded in ../shared/real-k8s/01b, 01c),
 * which is the person's mistake, not the cluster's. Only an unreachable API server or a 503 means
 * the cluster is unavailable; those are thrown, since they say nothing about the document.
 * https://kubernetes.io/docs/reference/using-api/api-concepts/#status-codes
 */
import type { LineCounter } from "yaml";
import { findFieldPosition } from "@/lib/yaml/field-path-position";
import type { ParsedYamlDocument } from "@/lib/yaml/parse-yaml-safely";
import type { YamlDocumentResult, YamlFieldProblem, YamlObjectRef } from "@/lib/yaml/yaml-dto";
import { AppError } from "@/server/errors";
import { isKubeApiError, type KubeApiError } from "@/server/kube/kube-api-error";
import { describeRef } from "@/server/kube/kube-object";

interface Cause {
  message: string;
  field?: string;
  manager?: string;
}

const TYPED_PATCH = /^failed to create typed patch object \([^)]*\): ([\s\S]*)$/;

/** The structured-merge-diff converter's wording, said the way a person fixes it. */
function explainSchemaMisfit(field: string, problem: string): string {
  if (problem === "field not declared in schema") return `unknown field "${field}"; check its spelling and indentation`;
  const got = /, got (.*)$/.exec(problem)?.[1] ?? "";
  const found = /^(string|bool|int64|float64)$/.test(got) ? { string: "text", bool: "true/false", int64: "a number", float64: "a number" }[got] : got.startsWith("map") ? "a mapping" : got.startsWith("[]") ? "a list" : undefined;
  const than = found ? `, not ${found}` : "";
  if (problem.startsWith("expected numeric")) return `must be a number${than}`;
  if (problem.startsWith("expected string")) return `must be text${than} (quote it: "…")`;
  if (problem.startsWith("expected boolean")) return `must be true or false${than}`;
  if (problem.startsWith("expected map")) return `must be a mapping of keys to values${than}`;
  if (problem.startsWith("expected list")) return `must be a list (lines starting with "- ")${than}`;
  return problem;
}

/** `.spec.replicaz: field not declared in schema`, one per line after "errors:" when there are several. */
function schemaMisfits(detail: string): Cause[] {
  const lines = detail.startsWith("errors:\n") ? detail.split("\n").slice(1).map((l) => l.trim()) : [detail];
  return lines.filter(Boolean).map((line) => {
    const match = /^\.?(\S+?): (.*)$/.exec(line);
    if (!match) return { message: line };
    return { field: match[1], message: explainSchemaMisfit(match[1], match[2]) };
  });
}

/**
 * Decoding errors (400) carry no causes; their message names the field: `strict decoding
 * error: unknown field "spec.replica"`, `cannot unmarshal string into Go struct field
 * DeploymentSpec.spec.replicas of type int32`.
 */
function decodingCauses(message: string): Cause[] {
  const unknown = [...message.matchAll(/unknown field "([^"]+)"/g)].map((m) => ({ message: `unknown field "${m[1]}"; check its spelling and indentation`, field: m[1] }));
  if (unknown.length > 0) return unknown;
  const typed = /Go struct field [A-Z]\w*\.([\w.]+) of type (\w+)/.exec(message);
  if (typed) return [{ message: `must be of type ${typed[2]}`, field: typed[1] }];
  return [{ message }];
}

function statusCauses(err: KubeApiError): Cause[] {
  return (err.body.details?.causes ?? []).map((c) => ({
    message: c.message ?? err.body.message ?? "The API server refused this field.",
    field: c.field?.replace(/^\./, ""),
    manager: /conflict with "([^"]+)"/.exec(c.message ?? "")?.[1],
  }));
}

function placed(document: ParsedYamlDocument, lineCounter: LineCounter, causes: Cause[]): YamlFieldProblem[] {
  return causes.map((cause) => {
    const position = cause.field ? findFieldPosition(document.doc, lineCounter, cause.field) : undefined;
    return {
      message: cause.field && !cause.message.includes(cause.field) ? `${cause.field}: ${cause.message}` : cause.message,
      field: cause.field,
      line: position?.line ?? document.line,
      column: position?.column ?? 1,
      endLine: position?.endLine ?? document.line,
      endColumn: position?.endColumn ?? 1000,
      manager: cause.manager,
    };
  });
}

/**
 * The RBAC refusal in words that say who to ask for what, e.g. for a CronJob the ClusterRole
 * does not list. The editor reads (get) and server-side applies (patch, plus create for a new
 * object), so whichever verb was refused, the person learns all three.
 */
function describeForbidden(err: KubeApiError, ref: YamlObjectRef, exists: boolean): string {
  const message = err.body.message ?? "";
  const rbac = /User "([^"]+)" cannot (\w+) resource "([^"/]+)[^"]*" in API group "([^"]*)"(?: in the namespace "([^"]+)"| at the cluster scope)/.exec(message);
  // A create refused inside an apply carries no user and an empty reason: `cronjobs.batch "x" is forbidden: `.
  const bare = /^\S+ "[^"]*" is forbidden: $/.test(message) && err.body.details?.kind;
  if (!rbac && !bare) return `${describeRef(ref)} was refused by the API server: ${message || "forbidden"}`;
  const [user, resource, group, namespace] = rbac ? [rbac[1], rbac[3], rbac[4], rbac[5]] : ["system:serviceaccount:", err.body.details!.kind!, err.body.details?.group ?? "", ref.namespace];
  const action = exists ? "change" : "create";
  const what = `${action} ${group ? `${resource}.${group}` : resource} ${namespace ? `in namespace ${namespace}` : "at the cluster scope"}`;
  const verbs = `the YAML editor needs the verbs get, create and patch on "${resource}" in API group "${group}"`;
  if (user.startsWith("system:serviceaccount:")) return `Berth's service account may not ${what} — grant it in the ClusterRole (deploy/berth.yaml): ${verbs}.`;
  return `Berth's cluster user "${user}" may not ${what} — grant it with a ClusterRole bound to that user (deploy/berth.yaml lists what Berth needs): ${verbs}.`;
}

function describeNotFound(err: KubeApiError, ref: YamlObjectRef): string {
  if (err.body.details?.kind === "namespaces") {
    return `Namespace "${err.body.details.name ?? ref.namespace}" does not exist, so ${describeRef(ref)} cannot go there; create the namespace first or change metadata.namespace.`;
  }
  if (!err.body.reason) return `The cluster does not serve ${ref.kind} in ${ref.apiVersion}; check the apiVersion, or install the CRD that defines it.`;
  return `${describeRef(ref)}: ${err.body.message ?? "not found"}`;
}

/** An API server that cannot be reached, or answers 503, is the whole request's problem: thrown as `cluster_unavailable`. */
export function throwIfUnavailable(err: unknown): void {
  if (!(err instanceof Error && err.name === "KubeNetworkError") && !isKubeApiError(err, 503)) return;
  throw new AppError({ code: "cluster_unavailable", message: `The cluster's API server is unavailable (${err instanceof Error ? err.message : String(err)}); nothing was changed. Try again when it answers.` });
}

/**
 * The result of `document` (about `ref`) when the API server refused it with `err`. Throws
 * `cluster_unavailable` when the API server could not be reached or answered 503, and rethrows
 * what is not an answer of the API server at all (Berth's own bugs stay 500s). `exists`: the
 * editor saw the live object (so the person was changing it, not creating it).
 */
export function describeApplyFailure(document: ParsedYamlDocument, lineCounter: LineCounter, ref: YamlObjectRef, err: unknown, context: { exists: boolean }): YamlDocumentResult {
  throwIfUnavailable(err);
  if (!isKubeApiError(err) || err.code === 401) throw err;
  const base = { index: document.index, ref, line: document.line };
  const message = err.body.message ?? err.message;
  const typed = TYPED_PATCH.exec(message);
  if (typed) {
    const problems = placed(document, lineCounter, schemaMisfits(typed[1]));
    const lines = [...new Set(problems.map((p) => p.line))];
    return { ...base, outcome: "invalid", message: `${describeRef(ref)} does not fit the ${ref.kind} schema (line${lines.length > 1 ? "s" : ""} ${lines.join(", ")}).`, problems };
  }
  if (err.code === 409) {
    const problems = placed(document, lineCounter, statusCauses(err));
    const managers = [...new Set(problems.flatMap((p) => (p.manager ? [p.manager] : [])))];
    const fields = problems.map((p) => p.field).filter(Boolean).join(", ");
    const owners = managers.length ? managers.map((m) => `"${m}"`).join(" and ") : "another field manager";
    return { ...base, outcome: "conflict", message: `${describeRef(ref)}: ${fields || "some fields"} ${problems.length > 1 ? "are" : "is"} owned by ${owners}. Apply with force to take ${problems.length > 1 ? "them" : "it"} over.`, problems };
  }
  if (err.code === 400 || err.code === 422) {
    const causes = statusCauses(err);
    return { ...base, outcome: "invalid", message: message || "The API server refused the object.", problems: placed(document, lineCounter, causes.length > 0 ? causes : decodingCauses(message)) };
  }
  if (err.code === 403) {
    const text = describeForbidden(err, ref, context.exists);
    return { ...base, outcome: "forbidden", message: text, problems: placed(document, lineCounter, [{ message: text }]) };
  }
  if (err.code === 404) {
    const text = describeNotFound(err, ref);
    const field = err.body.details?.kind === "namespaces" ? "metadata.namespace" : "kind";
    return { ...base, outcome: "not_found", message: text, problems: placed(document, lineCounter, [{ message: text, field }]) };
  }
  if (err.code === 429) {
    const wait = err.retryAfterSeconds;
    return { ...base, outcome: "failed", message: `The API server is too busy to take ${describeRef(ref)} now; try again${wait ? ` in ${wait} s` : " shortly"}.`, problems: [] };
  }
  return { ...base, outcome: "failed", message: `The API server failed on ${describeRef(ref)} (HTTP ${err.code}): ${message}`, problems: placed(document, lineCounter, [{ message }]) };
}
