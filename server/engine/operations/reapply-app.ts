import type { Acting } from "@/server/auth/audit";
import { enqueueDeploy, type AppTarget, type DeployResult } from "@/server/engine/operations/enqueue-operation";

/**
 * Re-applies the current spec taking back fields another field manager changed (drift). The
 * only place Berth forces server-side apply: the user has seen the drift and chosen Berth's values.
 */
export function reapplyApp(by: Acting, target: AppTarget): Promise<DeployResult> {
  return enqueueDeploy(by, target, { kind: "reapply", action: "app.reapply", change: (_tx, app) => app, payload: { force: true } });
}
