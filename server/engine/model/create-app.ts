import { appSpecSchema } from "@/lib/schemas/app";
import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { auditChange, type Acting } from "@/server/auth/audit";
import { APP_ROWS, toAppRecord, type AppRecord } from "@/server/engine/model/app-record";
import { checkAppClaims } from "@/server/engine/model/check-app-claims";
import { writeAppChildRows } from "@/server/engine/model/write-app-rows";
import { rowsFromSpec } from "@/server/engine/spec-rows";

/**
 * Creates an app from a spec (validated with lib/schemas/app.ts). Nothing reaches the cluster
 * until the first deploy. A rejected spec writes nothing, not even its audit row.
 */
export async function createApp(by: Acting, project: string, input: unknown): Promise<AppRecord> {
  const spec = appSpecSchema.parse(input);
  return getDb().$transaction(async (tx) => {
    const owner = await tx.project.findUnique({ where: { name: project } });
    if (!owner) throw new AppError({ code: "not_found", message: `There is no project "${project}".` });
    if (await tx.app.findFirst({ where: { projectId: owner.id, name: spec.name }, select: { id: true } })) {
      throw new AppError({ code: "conflict", message: `Project "${project}" already has an app named "${spec.name}" — pick another name.` });
    }
    if (await tx.database.findFirst({ where: { projectId: owner.id, name: spec.name }, select: { id: true } })) {
      throw new AppError({ code: "conflict", message: `Project "${project}" already has a database named "${spec.name}"; apps and databases share the namespace's Services, so pick another name.` });
    }
    await checkAppClaims(tx, owner.id, spec);
    const created = await tx.app.create({ data: { projectId: owner.id, name: spec.name, spec: rowsFromSpec(spec).app.spec } });
    await writeAppChildRows(tx, created.id, spec);
    await auditChange(tx, by, "app.create", `${project}/${spec.name}`);
    return toAppRecord(await tx.app.findUniqueOrThrow({ where: { id: created.id }, include: APP_ROWS }));
  });
}
