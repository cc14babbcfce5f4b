/**
 * The databases' part of restore-from-cluster: every StatefulSet Berth manages carries its
 * database's spec in `berth.dev/spec` (no credentials), and its credentials Secret holds the
 * passwords, which are sealed again for the new row — the data files on the claim still expect
 * them. The claim template's size is kept as the row's `claimSize` (immutable in the cluster).
 */
import type { KubeConfig } from "@kubernetes/client-node";
import type { StatefulSet } from "kubernetes-types/apps/v1";
import { storedDatabaseSpecSchema } from "@/lib/schemas/database";
import { issueSentences } from "@/lib/schemas/format-issues";
import type { Prisma } from "@/server/db/generated/client";
import { sealCredentials } from "@/server/engine/databases/database-record";
import { credentialsSecretName } from "@/server/engine/databases/database-names";
import { readCredentialsSecret } from "@/server/engine/databases/kept-volume";
import { ANNOTATION_SPEC, LABEL_PROJECT } from "@/server/engine/render/labels";
import { resourceKindNamed } from "@/server/kube/kind-registry";
import { listManaged } from "@/server/kube/list-managed";

export interface DatabaseRestore {
  databases: string[];
  skipped: string[];
}

/** Restores each database inside `inProject(project, write)`, which creates the project's row on first use. */
export async function restoreDatabases(
  kubeConfig: KubeConfig,
  inProject: (project: string, write: (tx: Prisma.TransactionClient, projectId: string) => Promise<void>) => Promise<void>,
): Promise<DatabaseRestore> {
  const report: DatabaseRestore = { databases: [], skipped: [] };
  const sets = (await listManaged(kubeConfig, resourceKindNamed("StatefulSet"))).items as unknown as StatefulSet[];
  for (const sts of sets.sort((a, b) => (a.metadata?.name ?? "").localeCompare(b.metadata?.name ?? ""))) {
    const namespace = sts.metadata?.namespace ?? "";
    const where = `StatefulSet ${namespace}/${sts.metadata?.name}`;
    if (sts.metadata?.labels?.[LABEL_PROJECT] !== namespace) {
      report.skipped.push(`${where}: its project label does not name its namespace`);
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(sts.metadata?.annotations?.[ANNOTATION_SPEC] ?? "");
    } catch {
      report.skipped.push(`${where}: its ${ANNOTATION_SPEC} annotation is missing or not JSON`);
      continue;
    }
    const parsed = storedDatabaseSpecSchema.safeParse(json);
    if (!parsed.success) {
      report.skipped.push(`${where}: ${issueSentences(parsed.error).join("; ")}`);
      continue;
    }
    const spec = parsed.data;
    const kept = await readCredentialsSecret(kubeConfig, namespace, spec.name);
    if (!kept) {
      report.skipped.push(`${where}: the Secret ${credentialsSecretName(spec.name)} has no password`);
      continue;
    }
    const claimSize = sts.spec?.volumeClaimTemplates?.[0]?.spec?.resources?.requests?.storage ?? spec.size;
    try {
      await inProject(namespace, async (tx, projectId) => {
        await tx.database.create({
          data: { projectId, name: spec.name, engine: spec.engine, version: spec.version, size: spec.size, claimSize, nodePort: spec.nodePort, ...sealCredentials(kept.credentials) },
        });
      });
      report.databases.push(`${namespace}/${spec.name}`);
    } catch (err) {
      report.skipped.push(`${where}: ${err instanceof Error ? err.message.split("\n").at(-1) : String(err)}`);
    }
  }
  return report;
}
