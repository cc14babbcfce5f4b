import { AppError } from "@/server/errors";
import type { Acting } from "@/server/auth/audit";
import { appSpecOf } from "@/server/engine/model/app-record";
import { writeSpec } from "@/server/engine/model/update-app";
import { rollbackSpec } from "@/server/engine/revision-snapshot";
import { enqueueDeploy, type AppTarget, type DeployResult } from "@/server/engine/operations/enqueue-operation";

/** Rolls back to revision `revision`: a new revision with that spec, which also becomes the app's spec. */
export function rollbackApp(by: Acting, target: AppTarget & { revision: number }): Promise<DeployResult> {
  return enqueueDeploy(by, target, {
    kind: "rollback",
    action: "app.rollback",
    detail: { to: target.revision },
    change: async (tx, app) => {
      const old = await tx.revision.findUnique({ where: { appId_number: { appId: app.id, number: target.revision } } });
      if (!old) throw new AppError({ code: "not_found", message: `App "${app.name}" has no revision ${target.revision} — pick one from its revision list.` });
      const current = appSpecOf(app);
      const spec = rollbackSpec(old, current.secretEnv, current.files);
      if (!spec.ok) throw new AppError({ code: "invalid", message: `revision: ${spec.problem}.` });
      return writeSpec(tx, app, spec.spec);
    },
  });
}
