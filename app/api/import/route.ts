import { projectImportSchema } from "@/lib/dto/project-import";
import { importQuerySchema } from "@/lib/schemas/project-file";
import { importProject } from "@/server/engine/project-file/import-project";
import { readYamlText } from "@/server/yaml/read-yaml-body";
import { withAuth } from "@/server/http/with-auth";

export const dynamic = "force-dynamic";

/** Creates a project from a project file (YAML body); `?project=` imports it under another name. Admin only. */
export const POST = withAuth(
  async ({ req, query, principal, clientIp }) =>
    Response.json(projectImportSchema.parse(await importProject({ principal, ip: clientIp }, await readYamlText(req), { as: query.project })), { status: 201 }),
  { body: "yaml", query: importQuerySchema, role: "admin" },
);
