import { projectDownloadQuerySchema } from "@/lib/schemas/project-file";
import { renderProjectManifests } from "@/server/engine/project-file/render-project-manifests";
import { yamlDownload } from "@/server/http/yaml-download";
import { projectParamsSchema } from "@/server/http/project-api/route-schemas";
import { withAuth } from "@/server/http/with-auth";

/** The project's rendered Kubernetes objects as one multi-document YAML. Secrets only with `?secrets=true` (admin, audited). */
export const GET = withAuth(
  async ({ params, query, principal, clientIp }) =>
    yamlDownload(await renderProjectManifests({ principal, ip: clientIp }, params.project, { includeSecrets: query.secrets }), `${params.project}-manifests.yaml`),
  { role: "viewer", params: projectParamsSchema, query: projectDownloadQuerySchema },
);
