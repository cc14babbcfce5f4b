"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { isActivePath, navItems } from "@/components/layout/nav-items";

type NavLinksProps = { onNavigate?: () => void; className?: string };

/** The list of destinations; the current one carries aria-current="page". */
export function NavLinks({ onNavigate, className }: NavLinksProps) {
  const pathname = usePathname();
  return (
    <ul className={cn("flex flex-col gap-1", className)}>
      {navItems.map((item) => {
        const isActive = isActivePath(pathname, item.href);
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              onClick={onNavigate}
              aria-current={isActive ? "page" : undefined}
              className={cn(
                "block rounded-md px-3 py-2 text-sm font-medium",
                isActive ? "bg-accent/10 text-accent" : "text-fg-muted hover:bg-muted hover:text-fg",
              )}
            >
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
