/**
 * What a deploy needs to know about the databases an app links: that each exists in the project
 * (otherwise the pod could never start — its Secret would be missing), and one checksum of their
 * credentials for the pod template, so new credentials roll the app.
 */
import { createHash } from "node:crypto";
import type { DatabaseLink } from "@/lib/schemas/database-link";
import type { Prisma, PrismaClient } from "@/server/db/generated/client";
import { credentialsOf } from "@/server/engine/databases/database-record";
import { credentialsChecksum } from "@/server/engine/databases/render-database";

type Db = PrismaClient | Prisma.TransactionClient;

export type LinksChecksum = { ok: true; checksum: string | undefined } | { ok: false; problem: string };

export async function linksChecksumOf(db: Db, project: string, links: readonly DatabaseLink[] | undefined): Promise<LinksChecksum> {
  if (!links || links.length === 0) return { ok: true, checksum: undefined };
  const names = links.map((l) => l.database);
  const rows = await db.database.findMany({ where: { name: { in: names }, project: { name: project } }, orderBy: { name: "asc" } });
  const missing = names.filter((n) => !rows.some((r) => r.name === n));
  if (missing.length > 0) {
    return { ok: false, problem: `the app links ${missing.map((n) => `"${n}"`).join(", ")}, which project "${project}" has no database of — create it or remove the link.` };
  }
  const perDatabase = rows.map((r) => `${r.name}=${credentialsChecksum(credentialsOf(r))}`).join(",");
  return { ok: true, checksum: createHash("sha256").update(perDatabase).digest("hex").slice(0, 16) };
}
