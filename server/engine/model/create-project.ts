import { projectCreateSchema, type ProjectCreate } from "@/lib/schemas/project";
import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { toProjectRecord, type ProjectRecord } from "@/server/engine/model/get-project";

/**
 * Creates a project row. Its Namespace is created by the first deploy of one of its apps (the
 * render includes it), so an empty project costs nothing in the cluster.
 */
export async function createProject(input: unknown): Promise<ProjectRecord> {
  const data: ProjectCreate = projectCreateSchema.parse(input);
  const existing = await getDb().project.findUnique({ where: { name: data.name }, select: { id: true } });
  if (existing) throw new AppError({ code: "conflict", message: `A project named "${data.name}" already exists — pick another name.` });
  const row = await getDb().project.create({ data: { name: data.name, displayName: data.displayName ?? null }, include: { _count: { select: { apps: true } } } });
  return toProjectRecord(row);
}
