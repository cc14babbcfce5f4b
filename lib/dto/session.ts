import type { Role } from "@/lib/schemas/token";

/** Answer of `GET /api/session` and `POST /api/session`: who is signed in, and until when. */
export type SessionInfo = {
  user: { id: string; name: string };
  role: Role;
  /** How this request authenticated: a browser session cookie or a Bearer API token. */
  via: "session" | "token";
  /** ISO time the session (or the token) expires; null for a token without expiry. */
  expiresAt: string | null;
};
