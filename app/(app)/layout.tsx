import type { ReactNode } from "react";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { AppShell } from "@/components/layout/app-shell";
import { LiveUpdates } from "@/lib/live/live-updates";
import { toSessionInfo } from "@/server/auth/login";
import { resolveSession, SESSION_COOKIE } from "@/server/auth/sessions";
import type { SessionInfo } from "@/lib/dto/session";
import { loginPathFor, PAGE_PATH_HEADER } from "@/lib/login-path";
import { safeNextPath } from "@/lib/safe-next-path";

/** The signed-in person from the session cookie, or null; read-only (no sliding refresh here). */
async function readSession(): Promise<SessionInfo | null> {
  const cookieValue = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!cookieValue) return null;
  const resolved = await resolveSession(cookieValue);
  return resolved ? toSessionInfo(resolved.principal) : null;
}

/**
 * Every page in this group needs a signed-in person. The session is resolved here on the server
 * so a signed-in page renders its shell at once; without one (no cookie, or one that expired
 * or was revoked) the reader is redirected (307) to /login with `next` set to the page the
 * custom server saw.
 */
export default async function AuthenticatedLayout({ children }: { children: ReactNode }) {
  const session = await readSession();
  if (!session) redirect(loginPathFor(safeNextPath((await headers()).get(PAGE_PATH_HEADER) ?? "/")));
  return (
    <AppShell initialSession={session}>
      <LiveUpdates>{children}</LiveUpdates>
    </AppShell>
  );
}
