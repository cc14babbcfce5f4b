import type { Acting } from "@/server/auth/audit";
import { enqueueDeploy, type AppTarget, type DeployResult } from "@/server/engine/operations/enqueue-operation";

/** Deploys the app's current spec as a new revision. */
export function deployApp(by: Acting, target: AppTarget): Promise<DeployResult> {
  return enqueueDeploy(by, target, { kind: "deploy", action: "app.deploy", change: (_tx, app) => app });
}
