import { templateInstallSchema } from "@/lib/dto/template";
import { installTemplateSchema } from "@/lib/schemas/template";
import { installTemplate } from "@/server/engine/operations/install-template";
import { templateParamsSchema } from "@/server/http/project-api/route-schemas";
import { withAuth } from "@/server/http/with-auth";

/** Installs a template: its databases, its apps with their links, and a first deploy of each. */
export const POST = withAuth(
  async ({ params, body, principal, clientIp }) =>
    Response.json(templateInstallSchema.parse(await installTemplate({ principal, ip: clientIp }, params.project, params.template, body)), { status: 201 }),
  { params: templateParamsSchema, body: installTemplateSchema },
);
