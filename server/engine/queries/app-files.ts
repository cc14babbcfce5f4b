import type { AppFileList, SecretFileContents } from "@/lib/dto/app-files";
import { fileChecksum } from "@/lib/schemas/app-files";
import { recordAudit } from "@/server/auth/audit";
import type { Principal } from "@/server/auth/principal";
import { getDb } from "@/server/db/client";
import { appSpecOf, findAppOrThrow } from "@/server/engine/model/app-record";

/** The Files tab's list: plain files with their text, secret files with their checksum only. */
export async function readAppFiles(project: string, app: string): Promise<AppFileList> {
  const spec = appSpecOf(await findAppOrThrow(getDb(), project, app));
  return { files: spec.files.map((f) => ({ path: f.path, secret: f.secret, checksum: fileChecksum(f.content), content: f.secret ? null : f.content })) };
}

/**
 * The text of the app's secret files for an admin's explicit "Reveal", audited with the paths
 * revealed (never the text), as the secret env reveal is.
 */
export async function revealSecretFiles(principal: Principal, project: string, app: string, ip: string | null): Promise<SecretFileContents> {
  const files = appSpecOf(await findAppOrThrow(getDb(), project, app)).files.filter((f) => f.secret);
  await recordAudit({ actor: principal, action: "app.secret_files.reveal", target: `${project}/${app}`, ip, detail: { paths: files.map((f) => f.path) } });
  return { files: files.map(({ path, content }) => ({ path, content })) };
}
