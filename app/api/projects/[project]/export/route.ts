import { projectDownloadQuerySchema } from "@/lib/schemas/project-file";
import { exportProject } from "@/server/engine/project-file/export-project";
import { yamlDownload } from "@/server/http/yaml-download";
import { projectParamsSchema } from "@/server/http/project-api/route-schemas";
import { withAuth } from "@/server/http/with-auth";

/** The project's Berth specs as one YAML file. Viewers may download it; `?secrets=true` is admin only and audited. */
export const GET = withAuth(
  async ({ params, query, principal, clientIp }) =>
    yamlDownload(await exportProject({ principal, ip: clientIp }, params.project, { includeSecrets: query.secrets }), `${params.project}.berth.yaml`),
  { role: "viewer", params: projectParamsSchema, query: projectDownloadQuerySchema },
);
