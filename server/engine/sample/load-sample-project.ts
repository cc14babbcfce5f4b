import type { KubeConfig } from "@kubernetes/client-node";
import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { auditChange, type Acting } from "@/server/auth/audit";
import { createProject } from "@/server/engine/model/create-project";
import { insertApp } from "@/server/engine/model/create-app";
import { queueDeploy, refuseWhileDeleting, wakeQueue } from "@/server/engine/operations/enqueue-operation";
import { toOperationRecord, type OperationRecord } from "@/server/engine/operations/operation-record";
import { SAMPLE_APPS, SAMPLE_PROJECT } from "@/server/engine/sample/sample-project";

export interface SampleLoad {
  project: string;
  /** The sample's apps, whether made now or before. */
  apps: string[];
  /** false when the sample was already there and nothing changed. */
  created: boolean;
  message: string;
  /** The first deploys queued now (none when nothing was created). */
  operations: OperationRecord[];
}

/** The project (its Namespace first, as the Projects page makes it); one made by an earlier or concurrent load is kept. */
async function ensureProject(by: Acting, kubeConfig: KubeConfig | undefined): Promise<void> {
  if (await getDb().project.findUnique({ where: { name: SAMPLE_PROJECT.name }, select: { id: true } })) return;
  try {
    await createProject(by, SAMPLE_PROJECT, kubeConfig);
  } catch (error) {
    if (!(error instanceof AppError && error.code === "conflict")) throw error;
  }
}

/**
 * Loads the sample project: the project, then in one transaction each of its apps not there
 * yet, a first deploy of each and one `sample.load` audit row beside each resource's own. The
 * same engine operations as the dashboard's forms, no YAML. Idempotent: a second load (or a
 * double click) finds every app there and changes nothing; one interrupted halfway is finished.
 */
export async function loadSampleProject(by: Acting, kubeConfig?: KubeConfig): Promise<SampleLoad> {
  await ensureProject(by, kubeConfig);
  const operations = await getDb().$transaction(async (tx) => {
    const project = await tx.project.findUniqueOrThrow({ where: { name: SAMPLE_PROJECT.name }, select: { id: true, apps: { select: { name: true } } } });
    await refuseWhileDeleting(tx, SAMPLE_PROJECT.name);
    const existing = new Set(project.apps.map((a) => a.name));
    const missing = SAMPLE_APPS.filter((spec) => !existing.has(spec.name));
    if (missing.length === 0) return [];
    const owner = { id: project.id, name: SAMPLE_PROJECT.name };
    for (const spec of missing) await insertApp(tx, by, owner, spec);
    const ops = [];
    for (const spec of missing) {
      const { operation } = await queueDeploy(tx, by, { project: owner.name, app: spec.name }, { kind: "deploy", action: "app.deploy", change: (_, app) => app });
      ops.push(operation);
    }
    await auditChange(tx, by, "sample.load", owner.name, { apps: missing.map((s) => s.name) });
    return ops;
  });
  if (operations.length > 0) wakeQueue();
  const apps = SAMPLE_APPS.map((s) => s.name);
  const names = apps.join(", ");
  return {
    project: SAMPLE_PROJECT.name,
    apps,
    created: operations.length > 0,
    message:
      operations.length > 0
        ? `Loaded the sample project: ${names} are deploying. One of them is meant to fail — its image does not exist — so you can see how Berth explains it.`
        : `The sample project is already there (${names}); nothing was changed. To load it afresh, delete the project on its page first.`,
    operations: operations.map(toOperationRecord),
  };
}
