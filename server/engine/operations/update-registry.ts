import type { RegistryChange } from "@/lib/dto/registry";
import { registryUpdateSchema } from "@/lib/schemas/registry";
import { auditChange, type Acting } from "@/server/auth/audit";
import { getDb } from "@/server/db/client";
import { appsOnRegistry, findProjectOrThrow, findRegistryOrThrow, listNames, sealRegistryPassword, toRegistryView } from "@/server/engine/model/registry-record";
import { refuseWhileDeleting, wakeQueue } from "@/server/engine/operations/enqueue-operation";
import { queueRegistrySync } from "@/server/engine/operations/queue-registry-sync";

/**
 * Changes a login's username and/or password and rewrites its Secret. No app is redeployed:
 * their pods already name the Secret, and the kubelet reads it at every pull, so a pod backing
 * off a refused pull succeeds at its next retry.
 * https://kubernetes.io/docs/concepts/containers/images/#specifying-imagepullsecrets-on-a-pod
 */
export async function updateRegistry(by: Acting, projectName: string, server: string, input: unknown): Promise<RegistryChange> {
  const patch = registryUpdateSchema.parse(input);
  const result = await getDb().$transaction(async (tx) => {
    const project = await findProjectOrThrow(tx, projectName);
    await refuseWhileDeleting(tx, projectName);
    const before = await findRegistryOrThrow(tx, project, server);
    const row = await tx.registryCredential.update({
      where: { id: before.id },
      data: { ...(patch.username !== undefined ? { username: patch.username } : {}), ...(patch.password !== undefined ? { password: sealRegistryPassword(patch.password) } : {}) },
    });
    await auditChange(tx, by, "registry.update", projectName, { server, username: row.username, changed: Object.keys(patch) });
    const operation = await queueRegistrySync(tx, by, projectName, server);
    const apps = await appsOnRegistry(tx, project.id, server);
    const message =
      apps.deployed.length > 0
        ? `Saved. ${listNames(apps.deployed)} use${apps.deployed.length > 1 ? "" : "s"} the new login at the next image pull; a pod waiting to pull retries on its own.`
        : "Saved.";
    return { registry: toRegistryView(row, apps.all), operation, redeployed: [], message };
  });
  wakeQueue();
  return result;
}
