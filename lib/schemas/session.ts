import { z } from "zod";
import { typeError } from "@/lib/schemas/token";

/**
 * Login body for `POST /api/session`. Shared by the route handler and the /login form, so the
 * form shows the same sentence the server would answer with.
 */
export const loginSchema = z
  .object({
    token: z
      .string({ error: typeError("expected a string") })
      .trim()
      .min(1, { error: "paste your Berth token" })
      .max(512, { error: "a Berth token is at most 512 characters" }),
  })
  .strict();

export type LoginInput = z.infer<typeof loginSchema>;
