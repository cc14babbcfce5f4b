/**
 * A database deleted with its data kept leaves two objects in the namespace: its claim
 * (`data-<name>-0`) and its credentials Secret. They stay together on purpose: the data files
 * were initialised with that password, and the official images read POSTGRES_PASSWORD,
 * MYSQL_*, MARIADB_* and MONGO_INITDB_* only on an empty data directory, so a database created
 * again on the claim must use the old credentials — a new password would be refused by its own
 * data. The Secret also records which engine and version wrote the data (annotations), so a
 * database of another engine or major version is refused instead of crashing on foreign files.
 * https://hub.docker.com/_/postgres ("Initialization scripts" / "any pre-existing database will be left untouched")
 */
import type { KubeConfig } from "@kubernetes/client-node";
import type { PersistentVolumeClaim, Secret } from "kubernetes-types/core/v1";
import { majorOf, type DatabaseSpec } from "@/lib/schemas/database";
import { AppError } from "@/server/errors";
import { LABEL_DATABASE } from "@/server/engine/databases/database-labels";
import { credentialsSecretName, dataClaimName } from "@/server/engine/databases/database-names";
import { ENGINES } from "@/server/engine/databases/engines";
import type { DatabaseCredentials } from "@/server/engine/databases/render-database";
import { readObject } from "@/server/kube/read-object";

/** On the credentials Secret: the engine and version line whose data files the claim holds. */
export const ANNOTATION_DATA_ENGINE = "berth.dev/data-engine";
export const ANNOTATION_DATA_VERSION = "berth.dev/data-version";

export interface KeptVolume {
  claim: string;
  /** What the claim requests now (it may have grown). */
  size: string | undefined;
  credentials: DatabaseCredentials;
}

/** The credentials in a database's Secret, and what its annotations say wrote the data; undefined without a password. */
export async function readCredentialsSecret(
  kubeConfig: KubeConfig,
  namespace: string,
  database: string,
): Promise<{ credentials: DatabaseCredentials; engine: string | undefined; version: string | undefined } | undefined> {
  const secret = (await readObject(kubeConfig, { apiVersion: "v1", kind: "Secret", namespace, name: credentialsSecretName(database) })) as Secret | undefined;
  const value = (key: string) => (secret?.data?.[key] === undefined ? null : Buffer.from(secret.data[key], "base64").toString("utf8"));
  const password = value("password");
  if (password === null) return undefined;
  const annotations = secret?.metadata?.annotations ?? {};
  return { credentials: { password, rootPassword: value("root-password") }, engine: annotations[ANNOTATION_DATA_ENGINE], version: annotations[ANNOTATION_DATA_VERSION] };
}

const conflict = (message: string) => new AppError({ code: "conflict", message });

/**
 * The kept volume a new database `spec` would start on, with the credentials its data expects;
 * undefined when the namespace has no claim of that name (a fresh database). A kept volume the
 * new database cannot use — another engine's data, another major version, credentials gone, a
 * claim still being deleted or not a database's — is a 409 saying what to do.
 */
export async function findKeptVolume(kubeConfig: KubeConfig, project: string, spec: Pick<DatabaseSpec, "name" | "engine" | "version">): Promise<KeptVolume | undefined> {
  const claimName = dataClaimName(spec.name);
  const deleteHint = `delete it first (kubectl -n ${project} delete pvc ${claimName}) to start empty`;
  let claim: PersistentVolumeClaim | undefined;
  let kept: Awaited<ReturnType<typeof readCredentialsSecret>>;
  try {
    claim = (await readObject(kubeConfig, { apiVersion: "v1", kind: "PersistentVolumeClaim", namespace: project, name: claimName })) as PersistentVolumeClaim | undefined;
    if (!claim) return undefined;
    kept = await readCredentialsSecret(kubeConfig, project, spec.name);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError({
      code: "cluster_unavailable",
      message: `Berth could not check the cluster for a kept volume "${claimName}" (it decides whether "${spec.name}" gets new credentials or the kept data's): ${err instanceof Error ? err.message : String(err)}`,
    });
  }
  if (claim.metadata?.labels?.[LABEL_DATABASE] !== spec.name) {
    throw conflict(`The namespace "${project}" already has a PersistentVolumeClaim "${claimName}" that is not the volume of a database "${spec.name}"; the new database's StatefulSet would mount it. Pick another name, or ${deleteHint}.`);
  }
  if (claim.metadata?.deletionTimestamp) {
    throw conflict(`The volume "${claimName}" of an earlier database "${spec.name}" is still being deleted; try again once it is gone.`);
  }
  if (!kept) {
    throw conflict(
      `The volume "${claimName}" of an earlier database "${spec.name}" is kept, but its credentials Secret "${credentialsSecretName(spec.name)}" is gone, so nobody knows the password its data expects. ` +
        `Restore that Secret to reuse the data, or ${deleteHint}.`,
    );
  }
  const engine = ENGINES[spec.engine];
  const wroteEngine = kept.engine && kept.engine in ENGINES ? (kept.engine as keyof typeof ENGINES) : undefined;
  if (wroteEngine && wroteEngine !== spec.engine) {
    throw conflict(`The kept volume "${claimName}" holds ${ENGINES[wroteEngine].label} data, which ${engine.label} cannot open. Create "${spec.name}" as ${ENGINES[wroteEngine].label} to reuse it, or ${deleteHint}.`);
  }
  if (wroteEngine && kept.version && majorOf(spec.engine, kept.version) !== majorOf(spec.engine, spec.version)) {
    throw conflict(`The kept volume "${claimName}" holds ${engine.label} ${kept.version} data, which ${engine.label} ${spec.version} cannot open without a dump and restore. Create "${spec.name}" with version ${kept.version} to reuse it, or ${deleteHint}.`);
  }
  return { claim: claimName, size: claim.spec?.resources?.requests?.storage, credentials: kept.credentials };
}

/** What the create answer says when it reuses a kept volume. */
export function keptVolumeEffect(kept: KeptVolume): string {
  return `Reusing the credentials of the kept volume "${kept.claim}": its data was initialised with them, and the image ignores a new password on a data directory that is not empty.`;
}
