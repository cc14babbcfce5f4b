const ORIGIN = "http://berth.invalid";

/**
 * The page to return to after login, from `?next=`. Only same-site paths are allowed, so a
 * crafted link cannot bounce a fresh session to another origin (`//evil`, `/\evil`, `https:`,
 * or `/\t/evil`, which a URL parser turns into `//evil` by dropping the tab): the value is
 * resolved as a browser would and must stay on this origin.
 */
export function safeNextPath(next: string | string[] | undefined): string {
  const value = Array.isArray(next) ? next[0] : next;
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  let resolved: URL;
  try {
    resolved = new URL(value, ORIGIN);
  } catch {
    return "/";
  }
  if (resolved.origin !== ORIGIN || /[\u0000-\u001f\u007f\\]/.test(value)) return "/";
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  if (path === "/login" || path.startsWith("/login?") || path.startsWith("/login/")) return "/";
  return path;
}
