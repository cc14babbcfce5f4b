import { withAuth } from "@/server/http/with-auth";
import { readLiveAppYaml } from "@/server/yaml/read-app-yaml";
import { clusterKubeConfig } from "@/server/kube/cluster";
import { appYamlQuerySchema } from "@/server/yaml/yaml-route-schemas";

export const dynamic = "force-dynamic";

/**
 * An app's live objects (Deployment, Service, Ingress, PVCs, Secret with values hidden) as one
 * multi-document YAML; managedFields and status only with `full=true`.
 */
export const GET = withAuth(
  async ({ query }) => Response.json(await readLiveAppYaml(clusterKubeConfig(), query.project, query.app, { full: query.full })),
  { query: appYamlQuerySchema },
);
