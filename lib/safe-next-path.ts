/**
 * The page to return to after login, from `?next=`. Only same-site paths are allowed, so a
 * crafted link cannot bounce a fresh session to another origin (`//evil`, `/\evil`, `https:`).
 */
export function safeNextPath(next: string | string[] | undefined): string {
  const value = Array.isArray(next) ? next[0] : next;
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  if (value.startsWith("/login")) return "/";
  return value;
}
