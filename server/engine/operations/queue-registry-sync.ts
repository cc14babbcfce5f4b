import type { Acting } from "@/server/auth/audit";
import { writeOperation, type Tx } from "@/server/engine/operations/enqueue-operation";

/**
 * Queues the `sync-registry` operation that brings a login's Secret in line with its row
 * (server/engine/sync-registry-secret.ts). It is project-wide, so the project's app operations
 * queued after it — the redeploys of a new login — run only once the Secret is written.
 * Returns what the API shows of it.
 */
export async function queueRegistrySync(tx: Tx, by: Acting, project: string, server: string): Promise<{ id: string; status: string }> {
  const op = await writeOperation(tx, by, { project, kind: "sync-registry", payload: { server } });
  return { id: op.id, status: op.status };
}
