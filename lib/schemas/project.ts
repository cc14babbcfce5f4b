import { z } from "zod";
import { dnsLabel, requiredOr, strictObject } from "@/lib/schemas/kube-validators";

/**
 * A project's name is also its Namespace's name (no prefix: `kubectl -n <project>` works as
 * users expect). At most 30 characters so `<project>-<app>` fits the 63-character label value
 * of `app.kubernetes.io/instance`.
 */
export const PROJECT_NAME_MAX = 30;

/** Namespaces Berth must never take over: the cluster's own and Berth's home. */
const RESERVED = new Set(["default", "berth"]);

export const projectNameSchema = dnsLabel(PROJECT_NAME_MAX).superRefine((value, ctx) => {
  if (RESERVED.has(value) || value.startsWith("kube-")) {
    ctx.addIssue({
      code: "custom",
      message: `"${value}" is a namespace the cluster or Berth already uses — pick another project name`,
    });
  }
});

/** A display name as the form and the API both take it: surrounding spaces are trimmed. */
const displayNameSchema = z
  .string({ error: "expected a string, or null to clear it" })
  .trim()
  .min(1, { error: "leave it out or give at least 1 character" })
  .max(100, { error: "at most 100 characters" });

/** Body of `POST /api/projects`. Shared with the new-project form. */
export const projectCreateSchema = strictObject({
  name: projectNameSchema,
  displayName: displayNameSchema.optional(),
});
export type ProjectCreate = z.infer<typeof projectCreateSchema>;

/**
 * Body of `PATCH /api/projects/:project`, a merge patch: a field left out stays as it is, `null`
 * clears it. The name cannot change (it is the namespace).
 */
export const projectUpdateSchema = strictObject({
  displayName: displayNameSchema.nullable().optional(),
});
export type ProjectUpdate = z.infer<typeof projectUpdateSchema>;

/**
 * Body of `DELETE /api/projects/:project`: deleting a project removes its namespace and
 * everything in it, so the caller must type the name.
 */
export const projectDeleteSchema = strictObject({ confirm: z.string({ error: requiredOr("type the project's name to confirm") }) });
