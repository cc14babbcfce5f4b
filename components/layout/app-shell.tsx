"use client";

import { useEffect, type ReactNode } from "react";
import { usePathname, useRouter } from "next/navigation";
import { MobileNav } from "@/components/layout/mobile-nav";
import { Sidebar } from "@/components/layout/sidebar";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { errorMessage, isApiError } from "@/lib/api-client";
import { useSession } from "@/lib/queries/session";
import type { SessionInfo } from "@/lib/dto/session";
import { loginPathFor } from "@/lib/login-path";

type AppShellProps = {
  /** The session the server layout resolved from the cookie; null when there is none. */
  initialSession: SessionInfo | null;
  children: ReactNode;
};

/**
 * The signed-in frame: sends anyone without a session to /login (remembering where they were
 * going), and otherwise renders the sidebar or the phone bar. The session stays live through
 * GET /api/session, so an expired one also ends up at /login.
 */
export function AppShell({ initialSession, children }: AppShellProps) {
  const router = useRouter();
  const pathname = usePathname();
  const session = useSession(initialSession ?? undefined);
  const isSignedOut = initialSession === null || (isApiError(session.error) && session.error.status === 401);

  useEffect(() => {
    if (isSignedOut) router.replace(loginPathFor(pathname));
  }, [isSignedOut, pathname, router]);

  if (session.isPending || isSignedOut) {
    return (
      <div className="flex min-h-dvh items-center justify-center">
        <Spinner label={isSignedOut ? "Taking you to the login page…" : "Checking your session…"} />
      </div>
    );
  }

  if (session.isError) {
    return (
      <div className="mx-auto flex min-h-dvh max-w-md items-center p-4">
        <Alert
          tone="error"
          title="Berth could not check your session"
          action={
            <Button size="sm" variant="secondary" onClick={() => void session.refetch()}>
              Try again
            </Button>
          }
        >
          {errorMessage(session.error)}
        </Alert>
      </div>
    );
  }

  return (
    <div className="flex min-h-dvh flex-col md:flex-row">
      <Sidebar session={session.data} />
      <MobileNav session={session.data} />
      <main id="main" className="min-w-0 flex-1 p-4 sm:p-6 lg:p-8">
        <div className="mx-auto w-full max-w-5xl">{children}</div>
      </main>
    </div>
  );
}
