import { loginSchema } from "@/lib/schemas/session";
import { login, logout, toSessionInfo } from "@/server/auth/login";
import { clearedSessionCookie, sessionCookie } from "@/server/http/cookies";
import { withAuth, withPublic } from "@/server/http/with-auth";

/** Who am I: the signed-in user, role and expiry; 401 when not signed in. */
export const GET = withAuth(({ principal }) => Response.json(toSessionInfo(principal)));

/** Sign in: exchange a token for a session cookie. The one route that needs no prior auth. */
export const POST = withPublic(
  async ({ body, clientIp, secure }) => {
    const { cookieValue, expiresAt, info } = await login(body.token, clientIp);
    return Response.json(info, { headers: { "Set-Cookie": sessionCookie(cookieValue, expiresAt, secure) } });
  },
  { body: loginSchema },
);

/** Sign out: end this session and clear the cookie. Viewers may sign themselves out. */
export const DELETE = withAuth(
  async ({ principal, clientIp, secure }) => {
    await logout(principal, clientIp);
    return new Response(null, { status: 204, headers: { "Set-Cookie": clearedSessionCookie(secure) } });
  },
  { role: "viewer" },
);
