import type { RegistryChange } from "@/lib/dto/registry";
import { auditChange, type Acting } from "@/server/auth/audit";
import { getDb } from "@/server/db/client";
import { appsOnRegistry, findProjectOrThrow, findRegistryOrThrow, listNames } from "@/server/engine/model/registry-record";
import { refuseWhileDeleting, wakeQueue } from "@/server/engine/operations/enqueue-operation";
import { queueRegistrySync } from "@/server/engine/operations/queue-registry-sync";

/**
 * Removes a login and deletes its Secret. Apps on that registry are not redeployed: their running
 * pods keep running (the image is already on the node), where a redeploy would replace them with
 * pods that cannot pull; the answer says which apps lose pull access for new pods.
 */
export async function removeRegistry(by: Acting, projectName: string, server: string): Promise<RegistryChange> {
  const result = await getDb().$transaction(async (tx) => {
    const project = await findProjectOrThrow(tx, projectName);
    await refuseWhileDeleting(tx, projectName);
    const row = await findRegistryOrThrow(tx, project, server);
    await tx.registryCredential.delete({ where: { id: row.id } });
    await auditChange(tx, by, "registry.remove", projectName, { server, username: row.username });
    const operation = await queueRegistrySync(tx, by, projectName, server);
    const apps = await appsOnRegistry(tx, project.id, server);
    const message =
      apps.deployed.length > 0
        ? `Removed. ${listNames(apps.deployed)} pull${apps.deployed.length > 1 ? "" : "s"} from ${server}: running pods keep running, but new pods cannot pull a private image from it until a login is added again.`
        : "Removed.";
    return { operation, redeployed: [], message };
  });
  wakeQueue();
  return result;
}
