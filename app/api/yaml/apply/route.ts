import { withAuth } from "@/server/http/with-auth";
import { applyYaml } from "@/server/yaml/apply-yaml-documents";
import { readYamlBody } from "@/server/yaml/read-yaml-body";
import { applyYamlQuerySchema } from "@/server/yaml/yaml-route-schemas";

export const dynamic = "force-dynamic";

/**
 * Server-side apply (field manager berth-editor) of a YAML body in `?project=` (admin).
 * `force=true` takes over fields another manager owns; `allowOutsideProject=true` confirms
 * objects in other namespaces or cluster-scoped ones. 409 names the owning manager, 422 the
 * invalid field; every applied object is audited.
 */
export const POST = withAuth(
  async ({ req, query, principal, clientIp }) => {
    const parsed = await readYamlBody(req);
    const result = await applyYaml({ ...parsed, project: query.project, principal, clientIp, force: query.force, allowOutsideProject: query.allowOutsideProject });
    return Response.json(result);
  },
  { query: applyYamlQuerySchema, body: "yaml", role: "admin" },
);
