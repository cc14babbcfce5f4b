/**
 * Rebuilds projects and apps in an empty database from the cluster, when the database was lost:
 * every Deployment Berth manages carries its app's spec (without secret values) in the
 * `berth.dev/spec` annotation, and the app's Secret holds the secret values (its ConfigMap and
 * Secret of config files hold the files' text, see restore-files.ts). Namespaces give the
 * projects and their display names. Revision history and users are not in the cluster and
 * start afresh; the next deploy of each app is revision 1. Databases come back from their
 * StatefulSets and credentials Secrets (server/engine/databases/restore-databases.ts).
 */
import type { KubeConfig } from "@kubernetes/client-node";
import type { Deployment } from "kubernetes-types/apps/v1";
import type { Secret } from "kubernetes-types/core/v1";
import { appSpecSchema } from "@/lib/schemas/app";
import { projectNameSchema } from "@/lib/schemas/project";
import { issueSentences } from "@/lib/schemas/format-issues";
import { getDb } from "@/server/db/client";
import type { Prisma } from "@/server/db/generated/client";
import { restoreDatabases } from "@/server/engine/databases/restore-databases";
import { AppError } from "@/server/errors";
import { resourceKindNamed } from "@/server/kube/kind-registry";
import { secretName } from "@/server/engine/names";
import { ANNOTATION_DISPLAY_NAME, ANNOTATION_RESTARTED_AT, LABEL_PROJECT } from "@/server/engine/render/labels";
import { secretEnvFromSecret } from "@/server/engine/render/render-secret";
import { decodeSpecAnnotation } from "@/server/engine/render/spec-annotation";
import { writeAppChildRows } from "@/server/engine/model/write-app-rows";
import { restoreFiles } from "@/server/engine/restore-files";
import { rowsFromSpec } from "@/server/engine/spec-rows";
import { listManaged } from "@/server/kube/list-managed";
import { readObject } from "@/server/kube/read-object";

export interface RestoreReport {
  projects: string[];
  /** "project/app" */
  apps: string[];
  /** "project/database" */
  databases: string[];
  /** One sentence per Deployment or StatefulSet that could not be restored. */
  skipped: string[];
}

export async function restoreFromCluster(kubeConfig: KubeConfig): Promise<RestoreReport> {
  const db = getDb();
  const existing = await db.project.count();
  if (existing > 0) {
    throw new AppError({
      code: "conflict",
      message: `The database already has ${existing} project${existing > 1 ? "s" : ""}; restore-from-cluster only fills an empty database. Move berth.db aside (keep a copy) and run it again.`,
    });
  }
  const deployments = (await listManaged(kubeConfig, resourceKindNamed("Deployment"))).items as unknown as Deployment[];
  const report: RestoreReport = { projects: [], apps: [], databases: [], skipped: [] };
  const projectIds = new Map<string, string>();
  /** Runs `write` in a transaction with the project's row, created (from its Namespace) on first use. */
  const inProject = (project: string, write: (tx: Prisma.TransactionClient, projectId: string) => Promise<void>) =>
    db.$transaction(async (tx) => {
      let projectId = projectIds.get(project);
      if (!projectId) {
        const ns = await readObject(kubeConfig, { apiVersion: "v1", kind: "Namespace", name: project });
        projectId = (await tx.project.create({ data: { name: project, displayName: ns?.metadata.annotations?.[ANNOTATION_DISPLAY_NAME] ?? null } })).id;
      }
      await write(tx, projectId);
      if (!projectIds.has(project)) {
        projectIds.set(project, projectId);
        report.projects.push(project);
      }
    });

  for (const deployment of deployments.sort((a, b) => (a.metadata?.name ?? "").localeCompare(b.metadata?.name ?? ""))) {
    const namespace = deployment.metadata?.namespace ?? "";
    const where = `Deployment ${namespace}/${deployment.metadata?.name}`;
    const project = deployment.metadata?.labels?.[LABEL_PROJECT] ?? namespace;
    if (!projectNameSchema.safeParse(project).success || project !== namespace) {
      report.skipped.push(`${where}: its project label "${project}" is not a valid project in namespace ${namespace}`);
      continue;
    }
    const decoded = decodeSpecAnnotation(deployment);
    if (!decoded.ok) {
      report.skipped.push(decoded.problem);
      continue;
    }
    const stored = decoded.spec;
    let values = new Map<string, string>();
    if (stored.secretEnv.length > 0) {
      const secret = (await readObject(kubeConfig, { apiVersion: "v1", kind: "Secret", namespace, name: secretName(stored.name) })) as Secret | undefined;
      values = new Map((secret ? secretEnvFromSecret(secret) : []).map((v) => [v.name, v.value]));
    }
    const missing = stored.secretEnv.filter((v) => !values.has(v.name)).map((v) => v.name);
    if (missing.length > 0) {
      report.skipped.push(`${where}: the Secret ${secretName(stored.name)} has no value for ${missing.join(", ")}`);
      continue;
    }
    const files = await restoreFiles(kubeConfig, namespace, stored.name, stored.files);
    if (!files.ok) {
      report.skipped.push(`${where}: ${files.problem}`);
      continue;
    }
    const parsed = appSpecSchema.safeParse({ ...stored, secretEnv: stored.secretEnv.map((v) => ({ name: v.name, value: values.get(v.name)! })), files: files.files });
    if (!parsed.success) {
      report.skipped.push(`${where}: ${issueSentences(parsed.error).join("; ")}`);
      continue;
    }
    const spec = parsed.data;
    try {
      await inProject(project, async (tx, projectId) => {
        const app = await tx.app.create({ data: { projectId, name: spec.name, spec: rowsFromSpec(spec).app.spec, restartedAt: restartedAtOf(deployment) } });
        await writeAppChildRows(tx, app.id, spec);
      });
      report.apps.push(`${project}/${spec.name}`);
    } catch (err) {
      report.skipped.push(`${where}: ${err instanceof Error ? err.message.split("\n").at(-1) : String(err)}`);
    }
  }
  const databases = await restoreDatabases(kubeConfig, inProject);
  return { ...report, databases: databases.databases, skipped: [...report.skipped, ...databases.skipped] };
}

/** Keeps the last restart time so the first deploy after a restore does not roll the pods. */
function restartedAtOf(deployment: Deployment): Date | null {
  const value = deployment.spec?.template?.metadata?.annotations?.[ANNOTATION_RESTARTED_AT];
  const time = value ? Date.parse(value) : NaN;
  return Number.isFinite(time) ? new Date(time) : null;
}
