/**
 * What a database link adds to an app's pod: env vars read from the database's credentials
 * Secret by `secretKeyRef` (never a copied value, so the Deployment never holds a password),
 * and an annotation with the linked credentials' checksum, so new credentials roll the pods
 * (env from a Secret is read only when a container starts).
 */
import type { EnvVar } from "kubernetes-types/core/v1";
import { linkVariables, type DatabaseLink } from "@/lib/schemas/database-link";
import { credentialsSecretName } from "@/server/engine/databases/database-names";

export const ANNOTATION_LINKS_CHECKSUM = "berth.dev/links-checksum";

export function linkEnv(links: readonly DatabaseLink[] | undefined): EnvVar[] {
  return (links ?? []).flatMap((link) =>
    linkVariables(link).map(({ name, key }) => ({ name, valueFrom: { secretKeyRef: { name: credentialsSecretName(link.database), key } } })),
  );
}

/** The pod annotation for `checksum` (server/engine/databases/linked-credentials.ts computes it); none without links. */
export function linkAnnotations(checksum: string | undefined): Record<string, string> {
  return checksum ? { [ANNOTATION_LINKS_CHECKSUM]: checksum } : {};
}
