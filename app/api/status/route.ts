import { readStatusPage } from "@/server/engine/queries/read-status-page";
import { withAuth } from "@/server/http/with-auth";

/**
 * Every app and database of every project with its status, for the phone status page and the
 * overview (which also shows the latest deploys): one request instead of one per app. The
 * answer is typed, not parsed again: at 1,000 apps re-validating it cost more than reading it.
 */
export const GET = withAuth(async () => Response.json(await readStatusPage()));
