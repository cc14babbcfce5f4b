import { withAuth } from "@/server/http/with-auth";
import { readLiveAppYaml } from "@/server/yaml/read-app-yaml";
import { requireKubeConfig } from "@/server/yaml/require-kube-config";
import { appYamlQuerySchema } from "@/server/yaml/yaml-route-schemas";

export const dynamic = "force-dynamic";

/**
 * An app's live objects (Deployment, Service, Ingress, PVCs, Secret with values hidden) as one
 * multi-document YAML; managedFields and status only with `full=true`.
 */
export const GET = withAuth(
  async ({ query }) => Response.json(await readLiveAppYaml(requireKubeConfig(), query.project, query.app, { full: query.full })),
  { query: appYamlQuerySchema },
);
