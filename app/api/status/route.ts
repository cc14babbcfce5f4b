import type { StatusBoard } from "@/lib/dto/status-board";
import { readDatabaseBoard } from "@/server/engine/databases/read-database-board";
import { listLatestDeploys } from "@/server/engine/queries/list-latest-deploys";
import { readStatusBoard } from "@/server/engine/queries/read-status-board";
import { withAuth } from "@/server/http/with-auth";

/**
 * Every app and database of every project with its status, for the phone status page and the
 * overview (which also shows the latest deploys): one request instead of one per app. The answer is typed, not parsed again: at 1,000 apps
 * re-validating it cost more than reading it.
 */
export const GET = withAuth(async () => {
  const [apps, databases, latestDeploys] = await Promise.all([readStatusBoard(), readDatabaseBoard(), listLatestDeploys()]);
  return Response.json({ apps, databases, latestDeploys } satisfies StatusBoard);
});
