import type { ReactNode } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AppShell } from "@/components/layout/app-shell";
import { LiveUpdates } from "@/lib/live/live-updates";
import { toSessionInfo } from "@/server/auth/login";
import { readPagePrincipal } from "@/server/auth/page-session";
import { loginPathFor, PAGE_PATH_HEADER } from "@/lib/login-path";
import { safeNextPath } from "@/lib/safe-next-path";

/**
 * Every page in this group needs a signed-in person. The session is resolved here on the server
 * so a signed-in page renders its shell at once; without one (no cookie, or one that expired
 * or was revoked) the reader is redirected (307) to /login with `next` set to the page the
 * custom server saw.
 */
export default async function AuthenticatedLayout({ children }: { children: ReactNode }) {
  const principal = await readPagePrincipal();
  if (!principal) redirect(loginPathFor(safeNextPath((await headers()).get(PAGE_PATH_HEADER) ?? "/")));
  return (
    <AppShell initialSession={toSessionInfo(principal)}>
      <LiveUpdates>{children}</LiveUpdates>
    </AppShell>
  );
}
