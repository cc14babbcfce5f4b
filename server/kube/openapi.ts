/**
 * The connected cluster's own schemas for the YAML editor: `/openapi/v3` (one document per
 * group-version), or `/openapi/v2` on API servers older than 1.27 that lack it, converted to
 * JSON Schema. Cached per API server, keyed by its gitVersion and the v3 index's content
 * hashes — so an upgrade or a newly installed CRD is picked up at the next check (every 30 s at
 * most), while unchanged group-versions are never fetched twice.
 * https://kubernetes.io/docs/concepts/overview/kubernetes-api/#openapi-v3
 */
import { createHash } from "node:crypto";
import type { KubeConfig } from "@kubernetes/client-node";
import { addOpenApiDocument, combinedSchema, emptySchemaSet, type ClusterSchemaSet, type SchemaKind } from "@/lib/yaml/openapi-to-json-schema";
import { kubeClientsFor } from "@/server/kube/kube-clients";
import { isKubeApiError } from "@/server/kube/kube-api-error";
import { processSingleton } from "@/server/singleton";

export interface ClusterSchemas {
  gitVersion: string;
  source: "openapi/v3" | "openapi/v2";
  /** Changes whenever the schemas do; usable as an ETag. */
  key: string;
  set: ClusterSchemaSet;
  /** `{ gitVersion, source, kinds, schema }` serialised once, for the route. */
  json: string;
}

type Entry = { key: string; checkedAt: number; value: ClusterSchemas; documents: Map<string, unknown> };

const RECHECK_MS = 30_000;
const state = processSingleton("cluster-openapi", () => ({ entries: new Map<string, Entry>(), inflight: new Map<string, Promise<ClusterSchemas>>() }));

/** The schemas of the cluster `kubeConfig` points at (fetched, or from the cache). */
export function loadClusterSchemas(kubeConfig: KubeConfig, now = Date.now()): Promise<ClusterSchemas> {
  const client = kubeClientsFor(kubeConfig);
  const cached = state.entries.get(client.server);
  if (cached && now - cached.checkedAt < RECHECK_MS) return Promise.resolve(cached.value);
  let pending = state.inflight.get(client.server);
  if (!pending) {
    pending = refresh(kubeConfig, cached).finally(() => state.inflight.delete(client.server));
    state.inflight.set(client.server, pending);
  }
  return pending;
}

/** Forgets every cached schema (tests). */
export function clearClusterSchemaCache(): void {
  state.entries.clear();
}

async function refresh(kubeConfig: KubeConfig, cached: Entry | undefined): Promise<ClusterSchemas> {
  const client = kubeClientsFor(kubeConfig);
  const get = <T>(path: string) => client.request<T>({ method: "GET", path, timeoutMs: 30_000 });
  const version = await get<{ gitVersion?: string }>("/version");
  const gitVersion = version.gitVersion ?? "unknown";
  const index = await get<{ paths?: Record<string, { serverRelativeURL?: string }> }>("/openapi/v3").catch((err) => {
    if (isKubeApiError(err, 404)) return undefined;
    throw err;
  });
  const urls = index ? Object.values(index.paths ?? {}).flatMap((p) => (p.serverRelativeURL ? [p.serverRelativeURL] : [])).sort() : ["/openapi/v2"];
  const key = createHash("sha256").update(`${gitVersion}\n${urls.join("\n")}`).digest("hex").slice(0, 32);
  if (cached && cached.key === key) {
    cached.checkedAt = Date.now();
    return cached.value;
  }
  const documents = new Map<string, unknown>();
  const queue = [...urls];
  const worker = async () => {
    for (let url = queue.shift(); url; url = queue.shift()) documents.set(url, cached?.documents.get(url) ?? (await get<unknown>(url)));
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  const set = emptySchemaSet();
  for (const url of urls) addOpenApiDocument(set, documents.get(url));
  const source = index ? "openapi/v3" : "openapi/v2";
  const json = JSON.stringify({ gitVersion, source, key, kinds: set.kinds satisfies SchemaKind[], schema: combinedSchema(set) });
  const value: ClusterSchemas = { gitVersion, source, key, set, json };
  state.entries.set(client.server, { key, checkedAt: Date.now(), value, documents });
  return value;
}
