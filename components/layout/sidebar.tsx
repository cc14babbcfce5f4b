import { Brand } from "@/components/layout/brand";
import { NavLinks } from "@/components/layout/nav-links";
import { AccountActions } from "@/components/layout/account-actions";
import type { SessionInfo } from "@/lib/dto/session";

/**
 * Desktop navigation. The column (background and border) stretches with the page, however tall
 * the page is; only its contents stick to the top of the window while the page scrolls.
 */
export function Sidebar({ session }: { session: SessionInfo }) {
  return (
    <aside data-testid="sidebar" className="hidden w-60 shrink-0 border-r border-border bg-panel md:block">
      <div className="sticky top-0 flex h-dvh flex-col p-4">
        <Brand />
        <nav aria-label="Main" className="mt-6 flex-1">
          <NavLinks />
        </nav>
        <AccountActions session={session} className="flex flex-col pt-4" />
      </div>
    </aside>
  );
}
