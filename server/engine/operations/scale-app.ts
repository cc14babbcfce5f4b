import { appSpecSchema, scaleSchema, type AppSpec } from "@/lib/schemas/app";
import type { Acting } from "@/server/auth/audit";
import { appSpecOf, type AppWithRows } from "@/server/engine/model/app-record";
import { writeSpec } from "@/server/engine/model/update-app";
import { enqueueDeploy, type AppTarget, type DeployResult, type Tx } from "@/server/engine/operations/enqueue-operation";

/** Sets the number of replicas (0–50; at most 1 with a single-attach volume). */
export function scaleApp(by: Acting, target: AppTarget & { replicas: number }): Promise<DeployResult> {
  const { replicas } = scaleSchema.parse({ replicas: target.replicas });
  return enqueueDeploy(by, target, { kind: "scale", action: "app.scale", detail: { replicas }, change: (tx, app) => writeReplicas(tx, app, replicas) });
}

/** Stores the app's spec with `replicas` (re-validated: a single-attach volume allows at most 1). */
export function writeReplicas(tx: Tx, app: AppWithRows, replicas: number): Promise<AppWithRows> {
  const next: AppSpec = appSpecSchema.parse({ ...appSpecOf(app), replicas });
  return writeSpec(tx, app, next);
}
