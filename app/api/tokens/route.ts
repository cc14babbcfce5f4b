import { createTokenSchema } from "@/lib/schemas/token";
import type { ApiTokenList } from "@/lib/dto/token";
import { createApiToken } from "@/server/auth/create-api-token";
import { listApiTokens } from "@/server/auth/list-api-tokens";
import { withAuth } from "@/server/http/with-auth";

/** API tokens: all of them for an admin, a viewer's own for a viewer. */
export const GET = withAuth(async ({ principal }) =>
  Response.json({ tokens: await listApiTokens(principal) } satisfies ApiTokenList),
);

/** Mint a token; the value is in this answer and nowhere else, ever. */
export const POST = withAuth(
  async ({ principal, body, clientIp }) => Response.json(await createApiToken(principal, body, clientIp), { status: 201 }),
  { body: createTokenSchema },
);
