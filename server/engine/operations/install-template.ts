import { installTemplateSchema } from "@/lib/schemas/template";
import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { auditChange, type Acting } from "@/server/auth/audit";
import { insertApp } from "@/server/engine/model/create-app";
import { insertDatabase, keptVolumeFor } from "@/server/engine/operations/create-database";
import { queueDeploy, refuseWhileDeleting, wakeQueue, type Tx } from "@/server/engine/operations/enqueue-operation";
import { toOperationRecord, type OperationRecord } from "@/server/engine/operations/operation-record";
import { getTemplate } from "@/server/engine/templates/load-templates";
import { renderTemplate, type RenderedTemplate } from "@/server/engine/templates/render-template";

export interface TemplateInstall {
  template: string;
  apps: string[];
  databases: string[];
  /** The databases' first applies, then the apps' first deploys: the queue runs them in this order. */
  operations: OperationRecord[];
  /** What the install does beyond the obvious, in sentences (a database reusing a kept volume's credentials). */
  effects: string[];
}

/** Every name the template would take that the project already uses, said at once. */
async function refuseClashes(tx: Tx, project: { id: string; name: string }, rendered: RenderedTemplate): Promise<void> {
  const names = [...rendered.databases.map((d) => d.name), ...rendered.apps.map((a) => a.name)];
  const [apps, databases] = await Promise.all([
    tx.app.findMany({ where: { projectId: project.id, name: { in: names } }, select: { name: true } }),
    tx.database.findMany({ where: { projectId: project.id, name: { in: names } }, select: { name: true } }),
  ]);
  const taken = [...apps.map((a) => `an app named "${a.name}"`), ...databases.map((d) => `a database named "${d.name}"`)];
  if (taken.length === 0) return;
  throw new AppError({
    code: "conflict",
    message: `Project "${project.name}" already has ${taken.join(" and ")}; nothing was installed — give the template another name parameter.`,
  });
}

/**
 * Installs a template into a project in one transaction: its databases (with fresh credentials,
 * or a kept volume's, and their first apply), then its apps with their links, then a first deploy of each, and one
 * audit row for the install beside each resource's own. A clash or a bad parameter refuses the
 * whole install, so nothing is left half-made.
 */
export async function installTemplate(by: Acting, project: string, templateId: string, input: unknown): Promise<TemplateInstall> {
  const template = getTemplate(templateId);
  const { parameters } = installTemplateSchema.parse(input);
  const rendered = renderTemplate(template, parameters);
  const kept = await Promise.all(rendered.databases.map((spec) => keptVolumeFor(project, spec)));
  const effects: string[] = [];
  const operations = await getDb().$transaction(async (tx) => {
    const row = await tx.project.findUnique({ where: { name: project }, select: { id: true } });
    if (!row) throw new AppError({ code: "not_found", message: `There is no project "${project}".` });
    const owner = { id: row.id, name: project };
    await refuseWhileDeleting(tx, project);
    await refuseClashes(tx, owner, rendered);
    const ops = [];
    for (const [index, spec] of rendered.databases.entries()) {
      const created = await insertDatabase(tx, by, owner, spec, kept[index]);
      ops.push(created.operation);
      effects.push(...created.effects.map((e) => `Database "${spec.name}": ${e}`));
    }
    for (const spec of rendered.apps) await insertApp(tx, by, owner, spec);
    for (const spec of rendered.apps) {
      const { operation } = await queueDeploy(tx, by, { project, app: spec.name }, { kind: "deploy", action: "app.deploy", change: (_, app) => app });
      ops.push(operation);
    }
    await auditChange(tx, by, "template.install", `${project}/${template.id}`, { apps: rendered.apps.map((a) => a.name), databases: rendered.databases.map((d) => d.name) });
    return ops;
  });
  wakeQueue();
  return { template: template.id, apps: rendered.apps.map((a) => a.name), databases: rendered.databases.map((d) => d.name), operations: operations.map(toOperationRecord), effects };
}
