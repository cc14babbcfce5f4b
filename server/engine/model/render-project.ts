import type { Prisma, PrismaClient } from "@/server/db/generated/client";
import type { RenderProject } from "@/server/engine/render/types";

/**
 * What render needs to know about a project, read in the caller's transaction: its name, display
 * name and the registries it has logins for (so apps on them get their pull secret).
 */
export async function renderProjectOf(
  db: PrismaClient | Prisma.TransactionClient,
  project: { id: string; name: string; displayName: string | null },
): Promise<RenderProject> {
  const logins = await db.registryCredential.findMany({ where: { projectId: project.id }, select: { server: true }, orderBy: { server: "asc" } });
  return { name: project.name, displayName: project.displayName ?? undefined, registries: logins.map((l) => l.server) };
}
