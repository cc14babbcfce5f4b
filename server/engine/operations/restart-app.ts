import type { Acting } from "@/server/auth/audit";
import { findAppOrThrow } from "@/server/engine/model/app-record";
import { enqueueDeploy, type AppTarget, type DeployResult } from "@/server/engine/operations/enqueue-operation";

/** Restarts every pod (as `kubectl rollout restart`): a new pod-template annotation berth.dev/restartedAt. */
export function restartApp(by: Acting, target: AppTarget): Promise<DeployResult> {
  return enqueueDeploy(by, target, {
    kind: "restart",
    action: "app.restart",
    change: async (tx, app) => {
      await tx.app.update({ where: { id: app.id }, data: { restartedAt: new Date() } });
      return findAppOrThrow(tx, target.project, target.app);
    },
  });
}
