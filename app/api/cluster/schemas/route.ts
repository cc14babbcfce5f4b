import { withAuth } from "@/server/http/with-auth";
import { loadClusterSchemas } from "@/server/kube/openapi";
import { clusterKubeConfig } from "@/server/kube/cluster";

export const dynamic = "force-dynamic";

/**
 * The connected cluster's JSON Schemas for the YAML editor (`{ gitVersion, source, key, kinds,
 * schema }`), built from its /openapi/v3 (or v2) and cached per cluster version; `ETag` lets the
 * browser revalidate cheaply.
 */
export const GET = withAuth(async ({ req }) => {
  const schemas = await loadClusterSchemas(clusterKubeConfig());
  const etag = `"${schemas.key}"`;
  const headers = { ETag: etag, "Cache-Control": "private, no-cache" };
  if (req.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(schemas.json, { status: 200, headers: { ...headers, "Content-Type": "application/json" } });
});
