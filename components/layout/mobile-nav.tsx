"use client";

import { useEffect, useId, useState } from "react";
import { Brand } from "@/components/layout/brand";
import { NavLinks } from "@/components/layout/nav-links";
import { AccountActions } from "@/components/layout/account-actions";
import { Button } from "@/components/ui/button";
import type { SessionInfo } from "@/lib/dto/session";

/** Phone navigation: a top bar whose Menu button opens the destinations below it. */
export function MobileNav({ session }: { session: SessionInfo }) {
  const [isOpen, setIsOpen] = useState(false);
  const menuId = useId();

  useEffect(() => {
    if (!isOpen) return;
    function handleKeyDown(event: KeyboardEvent) {
      if (event.key === "Escape") setIsOpen(false);
    }
    window.addEventListener("keydown", handleKeyDown);
    return () => window.removeEventListener("keydown", handleKeyDown);
  }, [isOpen]);

  function handleToggle() {
    setIsOpen((wasOpen) => !wasOpen);
  }

  function handleNavigate() {
    setIsOpen(false);
  }

  return (
    <header className="sticky top-0 z-20 border-b border-border bg-panel md:hidden">
      <div className="flex h-14 items-center justify-between gap-3 px-4">
        <Brand />
        <Button variant="secondary" size="sm" aria-expanded={isOpen} aria-controls={menuId} onClick={handleToggle}>
          Menu
        </Button>
      </div>
      <div id={menuId} hidden={!isOpen} className="border-t border-border px-4 pb-4 pt-2">
        <nav aria-label="Main">
          <NavLinks onNavigate={handleNavigate} />
        </nav>
        <AccountActions session={session} className="mt-3 flex flex-wrap items-center justify-between pt-3" />
      </div>
    </header>
  );
}
