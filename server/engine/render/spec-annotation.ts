import type { Deployment } from "kubernetes-types/apps/v1";
import { formatIssuePath } from "@/lib/schemas/format-issues";
import { redactAppSpec, storedAppSpecSchema, type AppSpec, type StoredAppSpec } from "@/lib/schemas/app";
import { ANNOTATION_SPEC, ANNOTATION_SPEC_VERSION } from "@/server/engine/render/labels";

/**
 * The compact copy of an app's spec on its Deployment (`berth.dev/spec`), so the model can be
 * rebuilt from the cluster when the database is lost. Secret values are never in it: only the
 * names of secret env vars. Restore reads the values back from the app's Secret (`<app>-env`,
 * see `secretName`): each key of its `data` is a secret env name, each value base64 of the value.
 */
export const SPEC_ANNOTATION_VERSION = "1";

/** JSON with object keys sorted, so equal specs always give the same annotation bytes. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/**
 * The annotation value for `spec` (secret values and file contents removed). An app without
 * files or scheduled tasks leaves `files` / `tasks` out, so apps deployed before either existed
 * keep byte-identical annotations (no drift, no needless patch after an upgrade); the stored
 * schema defaults them back to [].
 */
export function encodeSpecAnnotation(spec: AppSpec): string {
  const { files, tasks, ...rest } = redactAppSpec(spec);
  return canonicalJson({ ...rest, ...(files.length > 0 ? { files } : {}), ...(tasks.length > 0 ? { tasks } : {}) });
}

export type DecodedSpec = { ok: true; spec: StoredAppSpec } | { ok: false; problem: string };

/**
 * Reads the spec back from a Deployment rendered by Berth, re-validating it (the annotation may
 * have been edited by hand). Secret env entries carry names only.
 */
export function decodeSpecAnnotation(deployment: Pick<Deployment, "metadata">): DecodedSpec {
  const annotations = deployment.metadata?.annotations ?? {};
  const raw = annotations[ANNOTATION_SPEC];
  const name = deployment.metadata?.name ?? "(unnamed)";
  if (raw === undefined) return { ok: false, problem: `Deployment ${name} has no ${ANNOTATION_SPEC} annotation — it was not deployed by Berth` };
  const version = annotations[ANNOTATION_SPEC_VERSION];
  if (version !== SPEC_ANNOTATION_VERSION) {
    return { ok: false, problem: `Deployment ${name} has spec version ${version ?? "(none)"}; this Berth reads version ${SPEC_ANNOTATION_VERSION}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, problem: `Deployment ${name} has a ${ANNOTATION_SPEC} annotation that is not JSON` };
  }
  const parsed = storedAppSpecSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, problem: `Deployment ${name} has an invalid ${ANNOTATION_SPEC}: ${formatIssuePath(first.path)}: ${first.message}` };
  }
  return { ok: true, spec: parsed.data };
}
