import { buildOpenApiDocument } from "@/server/http/openapi/build-openapi";
import { withAuth } from "@/server/http/with-auth";

let document: Record<string, unknown> | undefined;

/** The OpenAPI 3.1 document of every route under /api, for anyone signed in (viewer or admin). */
export const GET = withAuth(async () => Response.json((document ??= buildOpenApiDocument())), { role: "viewer" });
