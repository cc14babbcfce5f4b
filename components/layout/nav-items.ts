/** The shell's destinations, shared by the desktop sidebar and the phone menu. */
export const navItems = [
  { href: "/", label: "Overview" },
  { href: "/projects", label: "Projects" },
  { href: "/status", label: "Status" },
  { href: "/settings", label: "Settings" },
] as const;

export function isActivePath(pathname: string, href: string): boolean {
  if (href === "/") return pathname === "/";
  return pathname === href || pathname.startsWith(`${href}/`);
}
