import type { StatusBoard } from "@/lib/dto/status-board";
import { readBackupWarnings, withBackupWarnings } from "@/server/engine/backups/backup-board";
import { readDatabaseBoard } from "@/server/engine/databases/read-database-board";
import { readStatusBoard } from "@/server/engine/queries/read-status-board";
import { withAuth } from "@/server/http/with-auth";

/**
 * Every app and database of every project with its status, for the phone status page: one
 * request instead of one per app. The answer is typed, not parsed again: at 1,000 apps
 * re-validating it cost more than reading it.
 */
export const GET = withAuth(async () => {
  const [apps, databases, warnings] = await Promise.all([readStatusBoard(), readDatabaseBoard(), readBackupWarnings()]);
  return Response.json(withBackupWarnings({ apps, databases }, warnings) satisfies StatusBoard);
});
