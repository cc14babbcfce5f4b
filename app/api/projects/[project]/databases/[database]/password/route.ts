import { databasePasswordSchema } from "@/lib/dto/database";
import { revealDatabasePassword } from "@/server/engine/queries/reveal-database-password";
import { databaseParamsSchema } from "@/server/http/project-api/database-route-schemas";
import { withAuth } from "@/server/http/with-auth";

/** The database's password and full URL. Admin only, and every reveal is audited. */
export const GET = withAuth(
  async ({ params, principal, clientIp }) =>
    Response.json(databasePasswordSchema.parse(await revealDatabasePassword(principal, params.project, params.database, clientIp)), {
      headers: { "cache-control": "no-store" },
    }),
  { params: databaseParamsSchema, role: "admin" },
);
