import type { Role } from "@/lib/schemas/token";

/** An API token as the settings page lists it. Never carries the hash or the secret. */
export type ApiTokenSummary = {
  id: string;
  name: string;
  role: Role;
  /** Owner of the token. */
  userName: string;
  /** The non-secret part shown so people can tell tokens apart, e.g. `berth_ab12cd34_…`. */
  hint: string;
  isAdminLogin: boolean;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revoked: boolean;
  /** A deployer token's project, and its one app (null: every app there); null for other roles. */
  scope: { project: string; app: string | null } | null;
};

/** Answer of `POST /api/tokens`: the only time the token value is ever shown. */
export type CreatedApiToken = ApiTokenSummary & { token: string };

/** Answer of `GET /api/tokens`. */
export type ApiTokenList = { tokens: ApiTokenSummary[] };
