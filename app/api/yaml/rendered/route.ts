import { withAuth } from "@/server/http/with-auth";
import { readRenderedAppYaml } from "@/server/yaml/read-app-yaml";
import { appYamlQuerySchema } from "@/server/yaml/yaml-route-schemas";

export const dynamic = "force-dynamic";

/** The manifests Berth rendered for the app's current revision (read-only; Secret data blanked). */
export const GET = withAuth(async ({ query }) => Response.json(await readRenderedAppYaml(query.project, query.app)), { query: appYamlQuerySchema });
