import { Brand } from "@/components/layout/brand";
import { NavLinks } from "@/components/layout/nav-links";
import { AccountActions } from "@/components/layout/account-actions";
import type { SessionInfo } from "@/lib/dto/session";

/** Desktop navigation: a fixed column with the destinations, the signed-in user and log out. */
export function Sidebar({ session }: { session: SessionInfo }) {
  return (
    <aside className="sticky top-0 hidden h-dvh w-60 shrink-0 flex-col border-r border-border bg-panel p-4 md:flex">
      <Brand />
      <nav aria-label="Main" className="mt-6 flex-1">
        <NavLinks />
      </nav>
      <AccountActions session={session} className="flex flex-col pt-4" />
    </aside>
  );
}
