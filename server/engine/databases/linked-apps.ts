/**
 * Which apps link which databases, read from the apps' stored specs (App.spec holds `links`).
 */
import type { Prisma, PrismaClient } from "@/server/db/generated/client";
import type { DatabaseLink } from "@/lib/schemas/database-link";

type Db = PrismaClient | Prisma.TransactionClient;

function linksOf(specJson: string): DatabaseLink[] {
  try {
    return (JSON.parse(specJson) as { links?: DatabaseLink[] }).links ?? [];
  } catch {
    return [];
  }
}

/** Database name → the names of the project's apps linking it (sorted). */
export async function linkedAppsByDatabase(db: Db, project: string): Promise<Map<string, string[]>> {
  const apps = await db.app.findMany({ where: { project: { name: project } }, select: { name: true, spec: true }, orderBy: { name: "asc" } });
  const byDatabase = new Map<string, string[]>();
  for (const app of apps) {
    for (const link of linksOf(app.spec)) byDatabase.set(link.database, [...(byDatabase.get(link.database) ?? []), app.name]);
  }
  return byDatabase;
}
