/**
 * The request header through which the page proxy tells server layouts which page was asked
 * for (a layout cannot see the URL); the proxy overwrites whatever a client sent.
 */
export const PAGE_PATH_HEADER = "x-berth-page-path";

/** The /login address that brings the reader back to `path` (with its query) after signing in. */
export function loginPathFor(path: string): string {
  return path === "/" ? "/login" : `/login?next=${encodeURIComponent(path)}`;
}
