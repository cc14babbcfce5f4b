import { createHash } from "node:crypto";
import type { ConfigMap, Secret, Volume, VolumeMount, VolumeProjection } from "kubernetes-types/core/v1";
import type { AppSpec } from "@/lib/schemas/app";
import { fileKey, fileMounts, type AppFile } from "@/lib/schemas/app-files";
import { filesConfigMapName, namespaceName, secretFilesName } from "@/server/engine/names";
import { appLabels } from "@/server/engine/render/labels";
import type { RenderProject } from "@/server/engine/render/types";

/**
 * An app's config files in the cluster: plain files in the ConfigMap `<app>-files`, secret ones
 * in the Secret `<app>-secret-files`, one key per file (see {@link fileKey}). Each directory is
 * one `projected` volume mixing both, mounted without `subPath`: the kubelet swaps a projected
 * volume's contents atomically when the ConfigMap or Secret changes, which a subPath mount never
 * sees. https://kubernetes.io/docs/concepts/storage/projected-volumes/
 */

const plainFiles = (app: AppSpec) => app.files.filter((f) => !f.secret);
const secretFiles = (app: AppSpec) => app.files.filter((f) => f.secret);

/** The ConfigMap of the app's plain files, or undefined when it has none. */
export function renderFilesConfigMap(app: AppSpec, project: RenderProject): ConfigMap | undefined {
  const files = plainFiles(app);
  if (files.length === 0) return undefined;
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: filesConfigMapName(app.name), namespace: namespaceName(project.name), labels: appLabels(project.name, app.name) },
    data: Object.fromEntries(files.map((f) => [fileKey(f.path), f.content])),
  };
}

/** The Secret of the app's secret files (base64 `data`, as render-secret.ts explains), or undefined. */
export function renderFilesSecret(app: AppSpec, project: RenderProject): Secret | undefined {
  const files = secretFiles(app);
  if (files.length === 0) return undefined;
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: secretFilesName(app.name), namespace: namespaceName(project.name), labels: appLabels(project.name, app.name) },
    type: "Opaque",
    data: Object.fromEntries(files.map((f) => [fileKey(f.path), Buffer.from(f.content, "utf8").toString("base64")])),
  };
}

/** The pod volumes and container mounts for the app's files: one projected volume per directory. */
export function fileVolumes(app: AppSpec): { volumes: Volume[]; volumeMounts: VolumeMount[] } {
  const mounts = fileMounts(app.files);
  const items = (files: Array<{ file: AppFile; relativePath: string }>) => files.map(({ file, relativePath }) => ({ key: fileKey(file.path), path: relativePath }));
  return {
    volumes: mounts.map((mount) => {
      const plain = mount.files.filter(({ file }) => !file.secret);
      const secret = mount.files.filter(({ file }) => file.secret);
      const sources: VolumeProjection[] = [
        ...(plain.length > 0 ? [{ configMap: { name: filesConfigMapName(app.name), items: items(plain) } }] : []),
        ...(secret.length > 0 ? [{ secret: { name: secretFilesName(app.name), items: items(secret) } }] : []),
      ];
      return { name: mount.volume, projected: { sources } };
    }),
    volumeMounts: mounts.map((mount) => ({ name: mount.volume, mountPath: mount.directory, readOnly: true })),
  };
}

/**
 * A short SHA-256 over every file's path, secrecy and content, for the pod template: the kubelet
 * would update the mounted files in place, but most programs read their config once at start,
 * so a changed file rolls the pods instead of being silently ignored. Visible to whoever can
 * read the Deployment, like the secret env checksum.
 */
export function filesChecksum(app: AppSpec): string | undefined {
  if (app.files.length === 0) return undefined;
  const canonical = JSON.stringify([...app.files].sort((a, b) => (a.path < b.path ? -1 : 1)).map((f) => [f.path, f.secret, f.content]));
  return createHash("sha256").update(canonical).digest("hex").slice(0, 16);
}

/**
 * Reads file contents back from the live ConfigMap and Secret (restore-from-cluster): the
 * annotation records each file's path and secrecy, these hold the text under {@link fileKey}.
 * A file whose key is missing comes back undefined so the caller can say which.
 */
export function fileContentFromCluster(
  file: { path: string; secret: boolean },
  configMap: Pick<ConfigMap, "data"> | undefined,
  secret: Pick<Secret, "data"> | undefined,
): string | undefined {
  const key = fileKey(file.path);
  if (file.secret) {
    const value = secret?.data?.[key];
    return value === undefined ? undefined : Buffer.from(value, "base64").toString("utf8");
  }
  return configMap?.data?.[key];
}
