import type { AppSpec } from "@/lib/schemas/app";
import type { Prisma } from "@/server/db/generated/client";
import { rowsFromSpec } from "@/server/engine/spec-rows";
import { encryptSecretValue } from "@/server/secrets/secret-values";

/** Replaces an app's child rows (hostnames, volumes, secret env, files) with those of `spec`; secret values and secret file contents are stored encrypted. */
export async function writeAppChildRows(tx: Prisma.TransactionClient, appId: string, spec: AppSpec): Promise<void> {
  const rows = rowsFromSpec(spec);
  await tx.hostname.deleteMany({ where: { appId } });
  await tx.volume.deleteMany({ where: { appId } });
  await tx.secretEnv.deleteMany({ where: { appId } });
  await tx.appFile.deleteMany({ where: { appId } });
  if (rows.hostnames.length) await tx.hostname.createMany({ data: rows.hostnames.map((r) => ({ ...r, appId })) });
  if (rows.volumes.length) await tx.volume.createMany({ data: rows.volumes.map((r) => ({ ...r, appId })) });
  if (rows.secretEnv.length) await tx.secretEnv.createMany({ data: rows.secretEnv.map((r) => ({ ...r, value: encryptSecretValue(r.value), appId })) });
  if (rows.files.length) {
    await tx.appFile.createMany({ data: rows.files.map((r) => ({ ...r, content: r.secret ? encryptSecretValue(r.content) : r.content, appId })) });
  }
}
