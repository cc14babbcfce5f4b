import { appSpecSchema, storedAppSpecSchema, type AppSpec, type SecretEnvVar } from "@/lib/schemas/app";
import type { AppFile } from "@/lib/schemas/app-files";
import { issueSentences } from "@/lib/schemas/format-issues";
import { encodeSpecAnnotation } from "@/server/engine/render/spec-annotation";
import type { RenderedObject } from "@/server/engine/render/types";
import { revisionFiles } from "@/server/engine/revision-files";
import { parseJsonColumn } from "@/server/engine/spec-rows";

/**
 * What a Revision row stores (prisma/schema.prisma): the spec without secret values, and the
 * rendered objects with Secret data blanked. Secret values exist only in SecretEnv rows and in
 * the cluster's Secret, never in the history, so a rollback uses the app's current values.
 */
export interface RevisionSnapshot {
  spec: string;
  objects: string;
}

/** The Revision columns for a deploy of `spec` that rendered `objects`. */
export function revisionSnapshot(spec: AppSpec, objects: readonly RenderedObject[]): RevisionSnapshot {
  const redacted = objects.map((obj) =>
    obj.kind === "Secret" && "data" in obj && obj.data ? { ...obj, data: Object.fromEntries(Object.keys(obj.data).map((k) => [k, ""])) } : obj,
  );
  return { spec: encodeSpecAnnotation(spec), objects: JSON.stringify(redacted) };
}

export type RollbackSpec = { ok: true; spec: AppSpec } | { ok: false; problem: string };

/**
 * The spec to deploy when rolling back to a revision: its stored spec with the secret values
 * the app has now, and its files (see revision-files.ts). Refused, with a sentence, when the
 * revision needs a secret the app no longer has (its value is gone) or when it no longer passes
 * today's rules.
 */
export function rollbackSpec(
  revision: { number: number; spec: string; objects?: string },
  currentSecretEnv: readonly SecretEnvVar[],
  currentFiles: readonly AppFile[] = [],
): RollbackSpec {
  const stored = parseJsonColumn(`Revision ${revision.number} spec`, revision.spec, storedAppSpecSchema);
  const values = new Map(currentSecretEnv.map((v) => [v.name, v.value]));
  const missing = stored.secretEnv.filter((v) => !values.has(v.name)).map((v) => v.name);
  if (missing.length > 0) {
    return {
      ok: false,
      problem: `revision ${revision.number} uses the secret env ${missing.join(", ")}, which the app no longer has — add ${missing.length > 1 ? "them" : "it"} back, then roll back`,
    };
  }
  const files = revisionFiles(revision, stored.files, currentFiles);
  if (!files.ok) return files;
  const parsed = appSpecSchema.safeParse({ ...stored, secretEnv: stored.secretEnv.map((v) => ({ name: v.name, value: values.get(v.name)! })), files: files.files });
  if (!parsed.success) return { ok: false, problem: `revision ${revision.number} no longer passes validation: ${issueSentences(parsed.error).join("; ")}` };
  return { ok: true, spec: parsed.data };
}
