/**
 * The request header through which the custom server tells server layouts which page was asked
 * for (a layout cannot see the URL); it overwrites whatever a client sent. Not a Next proxy:
 * with one, Next's own upgrade handler ends the WebSocket handshakes the gateway is answering.
 */
export const PAGE_PATH_HEADER = "x-berth-page-path";

/** The /login address that brings the reader back to `path` (with its query) after signing in. */
export function loginPathFor(path: string): string {
  return path === "/" ? "/login" : `/login?next=${encodeURIComponent(path)}`;
}
