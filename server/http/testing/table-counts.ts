import { getDb } from "@/server/db/client";

/** Test support: the number of rows in every table, to prove a refused request wrote nothing. */
export async function tableCounts(): Promise<Record<string, number>> {
  const db = getDb();
  const tables = await db.$queryRawUnsafe<Array<{ name: string }>>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma%'",
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const rows = await db.$queryRawUnsafe<Array<{ n: number | bigint }>>(`SELECT COUNT(*) AS n FROM "${name.replace(/"/g, '""')}"`);
    counts[name] = Number(rows[0].n);
  }
  return counts;
}
