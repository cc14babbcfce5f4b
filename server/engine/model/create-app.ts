import { appSpecSchema, type AppSpec } from "@/lib/schemas/app";
import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { auditChange, type Acting } from "@/server/auth/audit";
import { APP_ROWS, toAppRecord, type AppRecord } from "@/server/engine/model/app-record";
import { checkAppClaims } from "@/server/engine/model/check-app-claims";
import { writeAppChildRows } from "@/server/engine/model/write-app-rows";
import type { Tx } from "@/server/engine/operations/enqueue-operation";
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
    return insertApp(tx, by, { id: owner.id, name: project }, spec);
  });
}

/** The transaction's part of {@link createApp}, for an install that creates several resources at once. */
export async function insertApp(tx: Tx, by: Acting, project: { id: string; name: string }, spec: AppSpec): Promise<AppRecord> {
  if (await tx.app.findFirst({ where: { projectId: project.id, name: spec.name }, select: { id: true } })) {
    throw new AppError({ code: "conflict", message: `Project "${project.name}" already has an app named "${spec.name}" — pick another name.` });
  }
  if (await tx.database.findFirst({ where: { projectId: project.id, name: spec.name }, select: { id: true } })) {
    throw new AppError({ code: "conflict", message: `Project "${project.name}" already has a database named "${spec.name}"; apps and databases share the namespace's Services, so pick another name.` });
  }
  await checkAppClaims(tx, project.id, spec);
  const created = await tx.app.create({ data: { projectId: project.id, name: spec.name, spec: rowsFromSpec(spec).app.spec } });
  await writeAppChildRows(tx, created.id, spec);
  await auditChange(tx, by, "app.create", `${project.name}/${spec.name}`);
  return toAppRecord(await tx.app.findUniqueOrThrow({ where: { id: created.id }, include: APP_ROWS }));
}
