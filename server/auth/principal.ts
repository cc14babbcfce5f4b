import type { Role } from "@/lib/schemas/token";

/** Where a deploy token may act: one project, or one app of it (`app` null: every app there). */
export type DeployScope = { project: string; app: string | null };

/** Who is making a request, as the guard resolved it. Passed to handlers and to recordAudit. */
export type Principal = {
  userId: string;
  userName: string;
  role: Role;
  via: "session" | "token";
  tokenId?: string;
  /** The token's non-secret hint (`berth_ab12cd34_…`), for audit rows of token-made changes. */
  tokenHint?: string;
  sessionId?: string;
  /** When the session or token stops working; null for a token without expiry. */
  expiresAt: Date | null;
  /** Set exactly when `role` is "deployer". */
  scope?: DeployScope;
};

/**
 * True when `role` grants at least what `required` does. An admin grants everything; viewer
 * and deployer grant only themselves (a deployer may deploy, which a viewer may not, and a
 * viewer reads everywhere, which a deployer may not).
 */
export function hasRole(role: Role, required: Role): boolean {
  return role === required || role === "admin";
}

/** Narrows a stored role string; anything unknown is treated as the weakest role. */
export function asRole(value: string): Role {
  return value === "admin" || value === "deployer" ? value : "viewer";
}
