import type { RegistryChange } from "@/lib/dto/registry";
import { registryCreateSchema } from "@/lib/schemas/registry";
import { auditChange, type Acting } from "@/server/auth/audit";
import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { appsOnRegistry, findProjectOrThrow, listNames, sealRegistryPassword, toRegistryView } from "@/server/engine/model/registry-record";
import { queueDeploy, refuseWhileDeleting, wakeQueue } from "@/server/engine/operations/enqueue-operation";
import { queueRegistrySync } from "@/server/engine/operations/queue-registry-sync";

/**
 * Adds a registry login to a project, `{ server, username, password }`: its Secret is written,
 * then every deployed app whose image lives on that registry is redeployed, because a pod only
 * gets a pull secret through its Deployment's template — a pod stuck in ImagePullBackOff
 * recovers only once it is replaced by one that has it. All in one transaction with its audit.
 */
export async function addRegistry(by: Acting, projectName: string, input: unknown): Promise<RegistryChange> {
  const login = registryCreateSchema.parse(input);
  const result = await getDb().$transaction(async (tx) => {
    const project = await findProjectOrThrow(tx, projectName);
    await refuseWhileDeleting(tx, projectName);
    const existing = await tx.registryCredential.findUnique({ where: { projectId_server: { projectId: project.id, server: login.server } } });
    if (existing) {
      throw new AppError({
        code: "conflict",
        message: `Project "${projectName}" already has a login for ${login.server} (user ${existing.username}) — change it with PUT /api/projects/${projectName}/registries/${login.server}.`,
      });
    }
    const row = await tx.registryCredential.create({
      data: { projectId: project.id, server: login.server, username: login.username, password: sealRegistryPassword(login.password) },
    });
    await auditChange(tx, by, "registry.add", projectName, { server: login.server, username: login.username });
    const operation = await queueRegistrySync(tx, by, projectName, login.server);
    const apps = await appsOnRegistry(tx, project.id, login.server);
    const redeployed: RegistryChange["redeployed"] = [];
    for (const app of apps.deployed) {
      const { revision } = await queueDeploy(tx, by, { project: projectName, app }, { kind: "deploy", action: "app.deploy", change: (_tx, app) => app, detail: { reason: `registry login for ${login.server} added` } });
      redeployed.push({ app, revision: revision.number });
    }
    const message =
      redeployed.length > 0
        ? `Saved. Redeploying ${listNames(apps.deployed)} so ${redeployed.length > 1 ? "their" : "its"} pods pull from ${login.server} with this login.`
        : `Saved. Apps whose image is on ${login.server} will pull with this login when they are deployed.`;
    return { registry: toRegistryView(row, apps.all), operation, redeployed, message };
  });
  wakeQueue();
  return result;
}
