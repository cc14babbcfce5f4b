import type { PrismaClient } from "@/server/db/generated/client";

/**
 * Rewrites the database file without its free pages and empties the write-ahead log, so content
 * an update replaced (plain-text secret values before start-up encrypted them) does not linger
 * in the file's unused space or in old WAL frames. Needs no other statement running: call it at
 * start, before serving. https://www.sqlite.org/lang_vacuum.html
 */
export async function compactDatabase(db: PrismaClient): Promise<void> {
  await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  await db.$executeRawUnsafe("VACUUM");
  await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
}
