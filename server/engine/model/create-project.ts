import { projectCreateSchema, type ProjectCreate } from "@/lib/schemas/project";
import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { auditChange, type Acting } from "@/server/auth/audit";
import { toProjectRecord, type ProjectRecord } from "@/server/engine/model/get-project";

/**
 * Creates a project row. Its Namespace is created by the first deploy of one of its apps (the
 * render includes it), so an empty project costs nothing in the cluster.
 */
export async function createProject(by: Acting, input: unknown): Promise<ProjectRecord> {
  const data: ProjectCreate = projectCreateSchema.parse(input);
  return getDb().$transaction(async (tx) => {
    const existing = await tx.project.findUnique({ where: { name: data.name }, select: { id: true } });
    if (existing) throw new AppError({ code: "conflict", message: `A project named "${data.name}" already exists — pick another name.` });
    const row = await tx.project.create({ data: { name: data.name, displayName: data.displayName ?? null }, include: { _count: { select: { apps: true } } } });
    await auditChange(tx, by, "project.create", row.name);
    return toProjectRecord(row);
  });
}
