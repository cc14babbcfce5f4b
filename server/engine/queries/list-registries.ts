import type { RegistryCredential } from "@/lib/dto/registry";
import { getDb } from "@/server/db/client";
import { appsOnRegistry, findProjectOrThrow, toRegistryView } from "@/server/engine/model/registry-record";

/** A project's registry logins, each with the apps whose image lives on it; never a password. */
export async function listRegistries(projectName: string): Promise<RegistryCredential[]> {
  const db = getDb();
  const project = await findProjectOrThrow(db, projectName);
  const rows = await db.registryCredential.findMany({ where: { projectId: project.id }, orderBy: { server: "asc" } });
  return Promise.all(rows.map(async (row) => toRegistryView(row, (await appsOnRegistry(db, project.id, row.server)).all)));
}
