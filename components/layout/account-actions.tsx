import { ThemeToggle } from "@/components/layout/theme-toggle";
import { LogoutButton } from "@/components/auth/logout-button";
import { UserBadge } from "@/components/auth/user-badge";
import { cn } from "@/components/ui/cn";
import type { SessionInfo } from "@/lib/dto/session";

/** Who is signed in, the theme toggle and log out — the same block in the sidebar and the phone menu. */
export function AccountActions({ session, className }: { session: SessionInfo; className?: string }) {
  return (
    <div className={cn("gap-3 border-t border-border", className)}>
      <UserBadge session={session} />
      <div className="flex flex-wrap gap-2">
        <ThemeToggle />
        <LogoutButton />
      </div>
    </div>
  );
}
