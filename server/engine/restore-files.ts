import type { KubeConfig } from "@kubernetes/client-node";
import type { ConfigMap, Secret } from "kubernetes-types/core/v1";
import type { AppFile, StoredAppFile } from "@/lib/schemas/app-files";
import { filesConfigMapName, secretFilesName } from "@/server/engine/names";
import { fileContentFromCluster } from "@/server/engine/render/render-files";
import { readObject } from "@/server/kube/read-object";

export type RestoredFiles = { ok: true; files: AppFile[] } | { ok: false; problem: string };

/**
 * The contents of an app's files for restore-from-cluster: the annotation lists paths and
 * checksums, the ConfigMap `<app>-files` and the Secret `<app>-secret-files` hold the text.
 * A file whose text is gone from the cluster is named in the problem, so the app is skipped
 * rather than restored without it.
 */
export async function restoreFiles(kubeConfig: KubeConfig, namespace: string, app: string, stored: readonly StoredAppFile[]): Promise<RestoredFiles> {
  if (stored.length === 0) return { ok: true, files: [] };
  const read = (kind: "ConfigMap" | "Secret", name: string, needed: boolean) =>
    needed ? readObject(kubeConfig, { apiVersion: "v1", kind, namespace, name }) : Promise.resolve(undefined);
  const [configMap, secret] = await Promise.all([
    read("ConfigMap", filesConfigMapName(app), stored.some((f) => !f.secret)) as Promise<ConfigMap | undefined>,
    read("Secret", secretFilesName(app), stored.some((f) => f.secret)) as Promise<Secret | undefined>,
  ]);
  const files = stored.map((f) => ({ path: f.path, secret: f.secret, content: fileContentFromCluster(f, configMap, secret) }));
  const missing = files.filter((f) => f.content === undefined);
  if (missing.length > 0) {
    const where = (f: { secret: boolean }) => (f.secret ? `the Secret ${secretFilesName(app)}` : `the ConfigMap ${filesConfigMapName(app)}`);
    return { ok: false, problem: `${missing.map((f) => `${where(f)} has no content for ${f.path}`).join("; ")}` };
  }
  return { ok: true, files: files as AppFile[] };
}
