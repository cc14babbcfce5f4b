/**
 * Query keys per resource, in one place so mutations invalidate exactly what they change.
 * Each resource's list and detail keys start with the resource's root key.
 */
export const queryKeys = {
  session: ["session"] as const,
  tokens: ["tokens"] as const,
  audit: (limit: number) => ["audit", { limit }] as const,
  auditRoot: ["audit"] as const,
  cluster: ["cluster"] as const,
};
