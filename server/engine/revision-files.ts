import type { ConfigMap } from "kubernetes-types/core/v1";
import { fileChecksum, type AppFile, type StoredAppFile } from "@/lib/schemas/app-files";
import { fileContentFromCluster } from "@/server/engine/render/render-files";

export type RevisionFiles = { ok: true; files: AppFile[] } | { ok: false; problem: string };

/**
 * The files of a revision, for deploying or rolling back to it. A revision's spec keeps only
 * paths and checksums; a plain file's text is in the ConfigMap among the revision's rendered
 * objects (or, for the same checksum, the app's current file). A secret file's text is never in
 * the history, so — like secret env values — the app's current secret file at that path is used.
 */
export function revisionFiles(
  revision: { number: number; objects?: string },
  stored: readonly StoredAppFile[],
  current: readonly AppFile[],
): RevisionFiles {
  if (stored.length === 0) return { ok: true, files: [] };
  const configMap = renderedConfigMap(revision.objects);
  const byPath = new Map(current.map((f) => [f.path, f]));
  const files: AppFile[] = [];
  const lost: string[] = [];
  for (const file of stored) {
    const now = byPath.get(file.path);
    if (file.secret) {
      if (now?.secret) files.push({ path: file.path, secret: true, content: now.content });
      else lost.push(`the secret file ${file.path}, which the app no longer has`);
      continue;
    }
    const recorded = fileContentFromCluster(file, configMap, undefined);
    const content = recorded !== undefined && fileChecksum(recorded) === file.checksum ? recorded : now && fileChecksum(now.content) === file.checksum ? now.content : undefined;
    if (content === undefined) lost.push(`the file ${file.path}, whose text is not in its record`);
    else files.push({ path: file.path, secret: false, content });
  }
  if (lost.length > 0) return { ok: false, problem: `revision ${revision.number} uses ${lost.join(" and ")} — add it back, then deploy` };
  return { ok: true, files };
}

function renderedConfigMap(objects: string | undefined): Pick<ConfigMap, "data"> | undefined {
  if (!objects) return undefined;
  try {
    const list = JSON.parse(objects) as Array<{ kind?: string; data?: Record<string, string> }>;
    return list.find((o) => o.kind === "ConfigMap");
  } catch {
    return undefined;
  }
}
