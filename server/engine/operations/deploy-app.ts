import type { Acting } from "@/server/auth/audit";
import { appSpecOf } from "@/server/engine/model/app-record";
import { writeSpec } from "@/server/engine/model/update-app";
import { enqueueDeploy, type AppTarget, type DeployResult } from "@/server/engine/operations/enqueue-operation";

/**
 * Deploys the app's spec as a new revision. With `image` (a CI job's new tag) the spec's image
 * changes first, in the same transaction, so the change and its deploy are one revision and the
 * spec version rises once; the same image as now changes nothing but deploys.
 */
export function deployApp(by: Acting, target: AppTarget & { image?: string }): Promise<DeployResult> {
  const { image, ...app } = target;
  return enqueueDeploy(by, app, {
    kind: "deploy",
    action: "app.deploy",
    detail: image ? { image } : undefined,
    change: (tx, row) => {
      const spec = appSpecOf(row);
      return image && image !== spec.image ? writeSpec(tx, row, { ...spec, image }) : row;
    },
  });
}
