import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";

export interface ProjectRecord {
  id: string;
  name: string;
  displayName: string | null;
  appCount: number;
  createdAt: string;
  updatedAt: string;
}

type ProjectRow = { id: string; name: string; displayName: string | null; createdAt: Date; updatedAt: Date; _count: { apps: number } };

export function toProjectRecord(row: ProjectRow): ProjectRecord {
  return {
    id: row.id,
    name: row.name,
    displayName: row.displayName,
    appCount: row._count.apps,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** One project, or AppError not_found. */
export async function getProject(name: string): Promise<ProjectRecord> {
  const row = await getDb().project.findUnique({ where: { name }, include: { _count: { select: { apps: true } } } });
  if (!row) throw new AppError({ code: "not_found", message: `There is no project "${name}".` });
  return toProjectRecord(row);
}
