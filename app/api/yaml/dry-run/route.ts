import { withAuth } from "@/server/http/with-auth";
import { dryRunYaml } from "@/server/yaml/apply-yaml-documents";
import { readYamlBody } from "@/server/yaml/read-yaml-body";
import { applyYamlQuerySchema } from "@/server/yaml/yaml-route-schemas";

export const dynamic = "force-dynamic";

/**
 * Server-side dry run (`dryRun=All`, field manager berth-editor) of a YAML body
 * (Content-Type: application/yaml) in `?project=`. Answers 200 with each document's outcome:
 * the API server's errors placed at their lines, conflicts naming their manager, and the
 * live-vs-proposed YAML for the diff. Unsafe YAML is refused with 400 before it reaches the API.
 */
export const POST = withAuth(
  async ({ req, query, principal, clientIp }) => {
    const parsed = await readYamlBody(req);
    const result = await dryRunYaml({ ...parsed, project: query.project, principal, clientIp, force: query.force, allowOutsideProject: query.allowOutsideProject });
    return Response.json(result);
  },
  { query: applyYamlQuerySchema, body: "yaml" },
);
