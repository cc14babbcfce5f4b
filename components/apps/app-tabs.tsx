"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

const TABS = [
  { path: "", label: "Overview" },
  { path: "/deployments", label: "Deployments" },
  { path: "/hostnames", label: "Hostnames" },
  { path: "/volumes", label: "Volumes" },
  { path: "/tasks", label: "Tasks" },
  { path: "/environment", label: "Environment" },
  { path: "/files", label: "Files" },
  { path: "/logs", label: "Logs" },
  { path: "/terminal", label: "Terminal" },
  { path: "/yaml", label: "YAML" },
  { path: "/settings", label: "Settings" },
] as const;

/** The App page's tabs as links (each tab is its own route); scrolls within itself on a phone, never the page. */
export function AppTabs({ project, app }: { project: string; app: string }) {
  const pathname = usePathname();
  const base = `/projects/${encodeURIComponent(project)}/apps/${encodeURIComponent(app)}`;
  return (
    <nav aria-label="App sections" className="-mx-4 mb-6 overflow-x-auto border-b border-border px-4 sm:mx-0 sm:px-0">
      <ul className="flex min-w-max gap-1">
        {TABS.map((tab) => {
          const href = `${base}${tab.path}`;
          const isActive = tab.path === "" ? pathname === base : pathname === href || pathname.startsWith(`${href}/`);
          return (
            <li key={tab.label}>
              <Link
                href={href}
                aria-current={isActive ? "page" : undefined}
                className={cn(
                  "inline-flex h-10 items-center border-b-2 px-3 text-sm font-medium",
                  isActive ? "border-accent text-fg" : "border-transparent text-fg-muted hover:text-fg",
                )}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
