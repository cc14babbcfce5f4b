import type { ReactNode } from "react";
import { cookies } from "next/headers";
import { AppShell } from "@/components/layout/app-shell";
import { LiveUpdates } from "@/lib/live/live-updates";
import { toSessionInfo } from "@/server/auth/login";
import { resolveSession, SESSION_COOKIE } from "@/server/auth/sessions";
import type { SessionInfo } from "@/lib/dto/session";

/** The signed-in person from the session cookie, or null; read-only (no sliding refresh here). */
async function readSession(): Promise<SessionInfo | null> {
  const cookieValue = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!cookieValue) return null;
  const resolved = await resolveSession(cookieValue);
  return resolved ? toSessionInfo(resolved.principal) : null;
}

/**
 * Every page in this group needs a signed-in person. The session is resolved here on the server
 * so a signed-in page renders its shell at once; without one, the shell sends the reader to
 * /login with `next` set to where they were going (only the client knows the current path).
 */
export default async function AuthenticatedLayout({ children }: { children: ReactNode }) {
  const session = await readSession();
  return (
    <AppShell initialSession={session}>
      <LiveUpdates>{children}</LiveUpdates>
    </AppShell>
  );
}
