import type { Role } from "@/lib/schemas/token";

/** Who is making a request, as the guard resolved it. Passed to handlers and to recordAudit. */
export type Principal = {
  userId: string;
  userName: string;
  role: Role;
  via: "session" | "token";
  tokenId?: string;
  sessionId?: string;
  /** When the session or token stops working; null for a token without expiry. */
  expiresAt: Date | null;
};

const RANK: Record<Role, number> = { viewer: 0, admin: 1 };

/** True when `role` grants at least what `required` does. */
export function hasRole(role: Role, required: Role): boolean {
  return RANK[role] >= RANK[required];
}

/** Narrows a stored role string; anything unknown is treated as the weakest role. */
export function asRole(value: string): Role {
  return value === "admin" ? "admin" : "viewer";
}
