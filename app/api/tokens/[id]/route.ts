import { tokenIdParamsSchema } from "@/lib/schemas/token";
import { revokeApiToken } from "@/server/auth/revoke-api-token";
import { withAuth } from "@/server/http/with-auth";

/** Revoke a token and sign out the browser sessions it opened. */
export const DELETE = withAuth(
  async ({ principal, params, clientIp }) => Response.json(await revokeApiToken(principal, params.id, clientIp)),
  { params: tokenIdParamsSchema },
);
