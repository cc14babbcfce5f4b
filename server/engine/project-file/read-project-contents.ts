/**
 * Everything a project holds in Berth's database, read once for the export and the manifests:
 * the project row, its apps with their child rows, its databases and its registry logins.
 */
import type { Database, Prisma, PrismaClient, Project, RegistryCredential } from "@/server/db/generated/client";
import { APP_ROWS, type AppWithRows } from "@/server/engine/model/app-record";
import { findProjectOrThrow } from "@/server/engine/model/registry-record";

export interface ProjectContents {
  project: Project;
  apps: AppWithRows[];
  databases: Database[];
  registries: RegistryCredential[];
}

export async function readProjectContents(db: PrismaClient | Prisma.TransactionClient, name: string): Promise<ProjectContents> {
  const project = await findProjectOrThrow(db, name);
  const [apps, databases, registries] = await Promise.all([
    db.app.findMany({ where: { projectId: project.id }, include: APP_ROWS, orderBy: { name: "asc" } }),
    db.database.findMany({ where: { projectId: project.id }, orderBy: { name: "asc" } }),
    db.registryCredential.findMany({ where: { projectId: project.id }, orderBy: { server: "asc" } }),
  ]);
  return { project, apps, databases, registries };
}
