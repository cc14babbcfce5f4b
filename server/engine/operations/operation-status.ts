/**
 * The life of an Operation row. `superseded`: a newer deploy of the same app was queued before
 * this one started (or while it was still watching its rollout), so it stopped — the newest spec
 * wins and nothing waits on a spec nobody wants any more.
 */
export const OPERATION_STATUS = {
  queued: "queued",
  running: "running",
  succeeded: "succeeded",
  failed: "failed",
  superseded: "superseded",
} as const;
export type OperationStatus = (typeof OPERATION_STATUS)[keyof typeof OPERATION_STATUS];

export function isFinished(status: string): boolean {
  return status === "succeeded" || status === "failed" || status === "superseded";
}

/** Operation kinds that apply a revision (each created one when queued). */
export const DEPLOY_KINDS = ["deploy", "rollback", "restart", "scale", "stop", "start", "reapply", "adopt"] as const;
export type DeployKind = (typeof DEPLOY_KINDS)[number];
/**
 * `sync-registry`: make a registry login's Secret match its row (apply it, or delete it when the
 * row is gone). Database operations name the database in `appName`: apps and databases of a
 * project never share a name. `apply-backup` (a target's backup CronJob) and `restore-backup`
 * (a restore that stops the workload) name the database or the app whose volume it is, so they
 * queue behind that database's or app's operations.
 */
export type OperationKind = DeployKind | "delete-app" | "delete-project" | "sync-registry" | "apply-database" | "delete-database" | "apply-backup" | "restore-backup";

export function isDeployKind(kind: string): kind is DeployKind {
  return (DEPLOY_KINDS as readonly string[]).includes(kind);
}
