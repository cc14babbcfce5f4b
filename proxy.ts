import { NextResponse, type NextRequest } from "next/server";
import { loginPathFor, PAGE_PATH_HEADER } from "@/lib/login-path";
import { SESSION_COOKIE } from "@/lib/session-cookie";

/**
 * Pages without a session cookie are redirected on the server (307) to `/login?next=<path>`,
 * instead of sending an empty app shell for the browser to leave. A cookie that is present but
 * no longer valid is caught by the signed-in layout, which needs the database; the proxy tells
 * it the page path through PAGE_PATH_HEADER. /api answers for itself (401 in JSON), as do the
 * login page, the probes, metrics and static files, which the matcher leaves out.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const path = `${pathname}${search}`;
  if (!request.cookies.has(SESSION_COOKIE)) {
    return NextResponse.redirect(new URL(loginPathFor(path), request.url), 307);
  }
  const headers = new Headers(request.headers);
  headers.set(PAGE_PATH_HEADER, path);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ["/((?!api(?:/|$)|_next/|login(?:/|$)|healthz$|readyz$|metrics$|[^/]*\\.[^/]*$).*)"],
};
