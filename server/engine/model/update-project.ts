import { projectUpdateSchema } from "@/lib/schemas/project";
import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { auditChange, type Acting } from "@/server/auth/audit";
import { toProjectRecord, type ProjectRecord } from "@/server/engine/model/get-project";

/** Changes a project's display name (its name is its Namespace and never changes). */
export async function updateProject(by: Acting, name: string, input: unknown): Promise<ProjectRecord> {
  const data = projectUpdateSchema.parse(input);
  return getDb().$transaction(async (tx) => {
    const { count } = await tx.project.updateMany({ where: { name }, data: { displayName: data.displayName ?? null } });
    if (count === 0) throw new AppError({ code: "not_found", message: `There is no project "${name}".` });
    await auditChange(tx, by, "project.update", name);
    return toProjectRecord(await tx.project.findUniqueOrThrow({ where: { name }, include: { _count: { select: { apps: true } } } }));
  });
}
