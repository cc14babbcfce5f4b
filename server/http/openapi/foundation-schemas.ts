import { z } from "zod";
import type { AuditPage } from "@/lib/dto/audit";
import type { SessionInfo } from "@/lib/dto/session";
import type { ApiTokenList, ApiTokenSummary, CreatedApiToken } from "@/lib/dto/token";
import { roleSchema } from "@/lib/schemas/token";
import type { ClusterInfo } from "@/server/kube/cluster";

/**
 * Response schemas for the foundation's routes, whose DTOs are plain TypeScript types. The
 * `Same` checks below fail the typecheck when a DTO and its schema drift apart, so the
 * document cannot describe a shape the API no longer sends.
 */

export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(["invalid", "unauthenticated", "forbidden", "not_found", "conflict", "payload_too_large", "rate_limited", "cluster_unavailable", "internal"]),
    /** A sentence saying what is wrong and what to do. */
    message: z.string(),
  }),
});

export const sessionInfoSchema = z.object({
  user: z.object({ id: z.string(), name: z.string() }),
  role: roleSchema,
  via: z.enum(["session", "token"]),
  expiresAt: z.string().nullable(),
});

export const apiTokenSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  userName: z.string(),
  hint: z.string(),
  isAdminLogin: z.boolean(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revoked: z.boolean(),
  scope: z
    .object({ project: z.string(), app: z.string().nullable() })
    .nullable()
    .describe("A deployer token's project, and its one app (null: every app of the project); null for other roles."),
});
export const apiTokenListSchema = z.object({ tokens: z.array(apiTokenSummarySchema) });
export const createdApiTokenSchema = apiTokenSummarySchema.extend({ token: z.string() });

export const auditPageSchema = z.object({
  events: z.array(
    z.object({ id: z.string(), at: z.string(), actorName: z.string().nullable(), action: z.string(), target: z.string().nullable(), ip: z.string().nullable(), detail: z.unknown() }),
  ),
  nextBefore: z.string().nullable(),
});

/** Mirrors ClusterInfo in server/kube/cluster.ts. */
export const clusterInfoSchema = z.object({
  source: z.enum(["in-cluster", "kubeconfig", "sim", "none"]),
  isSimulated: z.boolean(),
  context: z.string().optional(),
  server: z.string().optional(),
  version: z.string().optional(),
  reachable: z.boolean(),
  message: z.string(),
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const checks: [
  Same<z.infer<typeof sessionInfoSchema>, SessionInfo>,
  Same<z.infer<typeof apiTokenSummarySchema>, ApiTokenSummary>,
  Same<z.infer<typeof apiTokenListSchema>, ApiTokenList>,
  Same<z.infer<typeof createdApiTokenSchema>, CreatedApiToken>,
  Same<z.infer<typeof auditPageSchema>, AuditPage>,
  Same<z.infer<typeof clusterInfoSchema>, ClusterInfo>,
] = [true, true, true, true, true, true];
void checks;
