import { z } from "zod";
import { projectImportSchema } from "@/lib/dto/project-import";
import { importQuerySchema, projectDownloadQuerySchema } from "@/lib/schemas/project-file";
import type { RouteDoc } from "@/server/http/openapi/route-docs";
import { projectParamsSchema } from "@/server/http/project-api/route-schemas";

const tag = "projects";
const yamlFile = (description: string) => ({ 200: { description, schema: z.string(), mediaType: "application/yaml" } });

/** Export, manifests and import (spread into ROUTE_DOCS). */
export const PROJECT_FILE_ROUTE_DOCS: RouteDoc[] = [
  {
    method: "GET",
    path: "/api/projects/{project}/export",
    summary: "The project's Berth specs as one file (apiVersion berth.dev/v1, kind Project) for Import; ?secrets=true (admin, audited) writes secret values in plain text.",
    tag,
    access: "viewer",
    params: projectParamsSchema,
    query: projectDownloadQuerySchema,
    responses: yamlFile("The project file, as an attachment."),
  },
  {
    method: "GET",
    path: "/api/projects/{project}/manifests",
    summary: "The project's Kubernetes objects as Berth renders them, one multi-document YAML for kubectl apply; Secrets only with ?secrets=true (admin, audited).",
    tag,
    access: "viewer",
    params: projectParamsSchema,
    query: projectDownloadQuerySchema,
    responses: yamlFile("The manifests, as an attachment."),
  },
  {
    method: "POST",
    path: "/api/import",
    summary: "Create a project from a project file, all of it or nothing; errors name their line and column, an existing name is a 409. ?project= imports under another name.",
    tag,
    access: "admin",
    query: importQuerySchema,
    body: z.string(),
    bodyMediaType: "application/yaml",
    responses: { 201: { description: "Created; the applies and first deploys are queued. Secret values the file left out are listed in toSet.", schema: projectImportSchema } },
  },
];
