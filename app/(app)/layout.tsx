import type { ReactNode } from "react";
import { AppShell } from "@/components/layout/app-shell";

/**
 * Every page in this group needs a signed-in person. The shell checks the session against
 * GET /api/session and redirects to /login (with `next`) when there is none.
 */
export default function AuthenticatedLayout({ children }: { children: ReactNode }) {
  return <AppShell>{children}</AppShell>;
}
