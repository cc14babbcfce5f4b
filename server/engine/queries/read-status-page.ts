/**
 * Everything `/status` and the overview show, in one read: every app's and database's row, the
 * backup warnings laid onto them, and the latest deploys. Each part is its own query with a
 * constant number of database statements; they run side by side.
 */
import type { StatusBoard } from "@/lib/dto/status-board";
import { readBackupWarnings, withBackupWarnings } from "@/server/engine/backups/backup-board";
import { readDatabaseBoard } from "@/server/engine/databases/read-database-board";
import { listLatestDeploys } from "@/server/engine/queries/list-latest-deploys";
import { readStatusBoard } from "@/server/engine/queries/read-status-board";

export async function readStatusPage(): Promise<StatusBoard> {
  const [apps, databases, warnings, latestDeploys] = await Promise.all([readStatusBoard(), readDatabaseBoard(), readBackupWarnings(), listLatestDeploys()]);
  return { ...withBackupWarnings({ apps, databases }, warnings), latestDeploys };
}
