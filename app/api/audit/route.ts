import { auditQuerySchema } from "@/lib/schemas/token";
import { listAudit } from "@/server/auth/audit";
import { withAuth } from "@/server/http/with-auth";

/** The audit log, newest first, for admins: `?limit=` (1–200, default 50) and `?before=<id>`. */
export const GET = withAuth(async ({ query }) => Response.json(await listAudit(query)), {
  role: "admin",
  query: auditQuerySchema,
});
