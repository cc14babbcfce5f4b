import { projectUpdateSchema } from "@/lib/schemas/project";
import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { auditChange, type Acting } from "@/server/auth/audit";
import { toProjectRecord, type ProjectRecord } from "@/server/engine/model/get-project";

/**
 * Applies a merge patch to a project: only the fields present change, `null` clears one; a patch
 * with no fields changes (and audits) nothing. The name is its Namespace and never changes.
 */
export async function updateProject(by: Acting, name: string, input: unknown): Promise<ProjectRecord> {
  const patch = projectUpdateSchema.parse(input);
  return getDb().$transaction(async (tx) => {
    if (patch.displayName !== undefined) {
      const { count } = await tx.project.updateMany({ where: { name }, data: { displayName: patch.displayName } });
      if (count === 0) throw new AppError({ code: "not_found", message: `There is no project "${name}".` });
      await auditChange(tx, by, "project.update", name);
    }
    const project = await tx.project.findUnique({ where: { name }, include: { _count: { select: { apps: true } } } });
    if (!project) throw new AppError({ code: "not_found", message: `There is no project "${name}".` });
    return toProjectRecord(project);
  });
}
