import { z } from "zod";

/**
 * Builds a zod error callback that says "required" for a missing field and `message` for a
 * present value of the wrong type, so the answer names what to fix.
 */
export function typeError(message: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? "required" : message);
}

/** The two roles Berth knows. A viewer reads; an admin also mutates and opens terminals. */
export const roleSchema = z.enum(["admin", "viewer"], {
  error: typeError('expected "admin" or "viewer"'),
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
  })
  .strict();
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
