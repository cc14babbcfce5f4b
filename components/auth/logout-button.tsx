"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { useLogout } from "@/lib/queries/session";

/** Ends the session and returns to /login, even when the server already forgot the session. */
export function LogoutButton({ className }: { className?: string }) {
  const router = useRouter();
  const logout = useLogout();

  function handleLogout() {
    logout.mutate(undefined, {
      onSettled: () => router.replace("/login"),
    });
  }

  return (
    <Button variant="secondary" size="sm" onClick={handleLogout} isPending={logout.isPending} className={className}>
      Log out
    </Button>
  );
}
