import { storedAppSpecSchema } from "@/lib/schemas/app";
import type { Acting } from "@/server/auth/audit";
import { appSpecOf } from "@/server/engine/model/app-record";
import { parseJsonColumn } from "@/server/engine/spec-rows";
import { enqueueDeploy, type AppTarget, type DeployResult } from "@/server/engine/operations/enqueue-operation";
import { writeReplicas } from "@/server/engine/operations/scale-app";

/** Scales a stopped app back to the replicas of its last revision that had any (1 if none). */
export function startApp(by: Acting, target: AppTarget): Promise<DeployResult> {
  return enqueueDeploy(by, target, {
    kind: "start",
    action: "app.start",
    change: async (tx, app) => {
      if (appSpecOf(app).replicas > 0) return app;
      const revisions = await tx.revision.findMany({ where: { appId: app.id }, orderBy: { number: "desc" }, select: { number: true, spec: true } });
      const previous = revisions.map((r) => parseJsonColumn(`Revision ${r.number} spec`, r.spec, storedAppSpecSchema).replicas).find((n) => n > 0);
      return writeReplicas(tx, app, previous ?? 1);
    },
  });
}
