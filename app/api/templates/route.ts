import { templateListSchema } from "@/lib/dto/template";
import { listTemplateSummaries } from "@/server/engine/queries/list-templates";
import { withAuth } from "@/server/http/with-auth";

/** The one-click templates Berth ships, with the parameters each asks for. */
export const GET = withAuth(async () => Response.json(templateListSchema.parse({ templates: listTemplateSummaries() })));
