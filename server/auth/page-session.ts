/**
 * Who is reading a page, for server components: the principal behind the session cookie, or
 * null without one (no cookie, or one that expired or was revoked). Read-only: the sliding
 * refresh happens on API requests, not on page renders. Read once per request however many
 * server components ask (the layout and the page).
 */
import { cookies } from "next/headers";
import { cache } from "react";
import type { Principal } from "@/server/auth/principal";
import { resolveSession, SESSION_COOKIE } from "@/server/auth/sessions";

export const readPagePrincipal = cache(async (): Promise<Principal | null> => {
  const cookieValue = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!cookieValue) return null;
  return (await resolveSession(cookieValue))?.principal ?? null;
});
