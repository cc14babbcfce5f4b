import { templateInstallSchema, templateListSchema } from "@/lib/dto/template";
import { installTemplateSchema } from "@/lib/schemas/template";
import type { RouteDoc } from "@/server/http/openapi/route-docs";
import { templateParamsSchema } from "@/server/http/project-api/route-schemas";

const tag = "templates";

/** The template routes' entries of the OpenAPI document (spread into ROUTE_DOCS). */
export const TEMPLATE_ROUTE_DOCS: RouteDoc[] = [
  { method: "GET", path: "/api/templates", summary: "The one-click templates Berth ships, with the parameters each asks for.", tag, access: "viewer", responses: { 200: { description: "OK", schema: templateListSchema } } },
  {
    method: "POST",
    path: "/api/projects/{project}/templates/{template}",
    summary: "Install a template: its databases, then its apps with their links, then a first deploy of each, in one step; a name the project already uses refuses the whole install.",
    tag,
    access: "admin",
    params: templateParamsSchema,
    body: installTemplateSchema,
    responses: { 201: { description: "Created; the databases' applies and the apps' deploys are queued in that order.", schema: templateInstallSchema } },
  },
];
