import { z } from "zod";
import { appParam, projectParam } from "@/lib/schemas/route-params";

/**
 * Builds a zod error callback that says "required" for a missing field and `message` for a
 * present value of the wrong type, so the answer names what to fix.
 */
export function typeError(message: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? "required" : message);
}

/**
 * The roles Berth knows. A viewer reads; an admin also mutates and opens terminals. A deployer
 * is a CI job's token, scoped to one project or app: it deploys (with a new image), rolls back,
 * restarts and reads status, operations, revisions and logs there, and nothing else.
 */
export const roleSchema = z.enum(["admin", "viewer", "deployer"], {
  error: typeError('expected "admin", "viewer" or "deployer"'),
});
export type Role = z.infer<typeof roleSchema>;

/**
 * Body of `POST /api/tokens`. Shared with the settings page form. `expiresInDays` left out
 * means the token never expires.
 */
export const createTokenSchema = z
  .object({
    name: z
      .string({ error: typeError("expected a string") })
      .trim()
      .min(1, { error: "give the token a name" })
      .max(64, { error: "at most 64 characters" }),
    role: roleSchema,
    expiresInDays: z
      .number({ error: typeError("expected a number of days") })
      .int({ error: "expected a whole number of days" })
      .min(1, { error: "at least 1 day" })
      .max(3650, { error: "at most 3650 days" })
      .optional(),
    /** A deployer's scope: the project, and optionally the one app in it. */
    project: projectParam.optional(),
    app: appParam.optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.role === "deployer" && input.project === undefined) {
      ctx.addIssue({ code: "custom", path: ["project"], message: "a deployer token needs the project it may deploy in" });
    }
    if (input.role !== "deployer" && (input.project !== undefined || input.app !== undefined)) {
      ctx.addIssue({ code: "custom", path: [input.project !== undefined ? "project" : "app"], message: 'only a deployer token has a scope; leave it out or use role "deployer"' });
    }
  });
export type CreateTokenInput = z.infer<typeof createTokenSchema>;

/** Path parameters of `/api/tokens/:id`. */
export const tokenIdParamsSchema = z
  .object({ id: z.string().min(1, { error: "expected a token id" }).max(64) })
  .strict();

/** Query of `GET /api/audit`: newest first, `before` is the id of the last event already seen. */
export const auditQuerySchema = z
  .object({
    limit: z.coerce
      .number({ error: "expected a number" })
      .int({ error: "expected a whole number" })
      .min(1, { error: "at least 1" })
      .max(200, { error: "at most 200" })
      .default(50),
    before: z.string().min(1).max(64).optional(),
  })
  .strict();
export type AuditQuery = z.infer<typeof auditQuerySchema>;
