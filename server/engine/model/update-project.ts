import { projectUpdateSchema } from "@/lib/schemas/project";
import { getDb } from "@/server/db/client";
import { getProject, type ProjectRecord } from "@/server/engine/model/get-project";

/**
 * Applies a merge patch to a project: only the fields present change, `null` clears one. The
 * name is its Namespace and never changes.
 */
export async function updateProject(name: string, input: unknown): Promise<ProjectRecord> {
  const patch = projectUpdateSchema.parse(input);
  await getProject(name);
  if (patch.displayName !== undefined) {
    await getDb().project.update({ where: { name }, data: { displayName: patch.displayName } });
  }
  return getProject(name);
}
