import { projectUpdateSchema } from "@/lib/schemas/project";
import { getDb } from "@/server/db/client";
import { getProject, type ProjectRecord } from "@/server/engine/model/get-project";

/** Changes a project's display name (its name is its Namespace and never changes). */
export async function updateProject(name: string, input: unknown): Promise<ProjectRecord> {
  const data = projectUpdateSchema.parse(input);
  await getProject(name);
  await getDb().project.update({ where: { name }, data: { displayName: data.displayName ?? null } });
  return getProject(name);
}
