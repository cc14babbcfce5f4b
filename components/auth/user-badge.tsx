import type { SessionInfo } from "@/lib/dto/session";

/** Who is signed in and with which role, e.g. "admin · Admin". */
export function UserBadge({ session }: { session: SessionInfo }) {
  return (
    <div className="min-w-0 text-sm" data-testid="user-badge">
      <p className="truncate font-medium text-fg">{session.user.name}</p>
      <p className="text-xs text-fg-muted">{session.role === "admin" ? "Admin" : "Viewer"}</p>
    </div>
  );
}
