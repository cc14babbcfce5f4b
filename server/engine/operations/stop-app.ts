import type { Acting } from "@/server/auth/audit";
import { enqueueDeploy, type AppTarget, type DeployResult } from "@/server/engine/operations/enqueue-operation";
import { writeReplicas } from "@/server/engine/operations/scale-app";

/** Scales to 0; `startApp` brings back the previous count. */
export function stopApp(by: Acting, target: AppTarget): Promise<DeployResult> {
  return enqueueDeploy(by, target, { kind: "stop", action: "app.stop", change: (tx, app) => writeReplicas(tx, app, 0) });
}
