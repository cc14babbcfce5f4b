import { statusBoardSchema } from "@/lib/dto/status-board";
import { readStatusBoard } from "@/server/engine/queries/read-status-board";
import { withAuth } from "@/server/http/with-auth";

/** Every app of every project with its status, for the phone status page: one request instead of one per app. */
export const GET = withAuth(async () => Response.json(statusBoardSchema.parse({ apps: await readStatusBoard() })));
