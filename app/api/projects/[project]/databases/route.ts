import { databaseChangeSchema, databaseListSchema } from "@/lib/dto/database";
import { createDatabaseSchema } from "@/lib/schemas/database";
import { createDatabase } from "@/server/engine/operations/create-database";
import { listDatabases } from "@/server/engine/queries/list-databases";
import { settled } from "@/server/http/project-api/database-route-schemas";
import { projectParamsSchema, waitQuerySchema } from "@/server/http/project-api/route-schemas";
import { withAuth } from "@/server/http/with-auth";

/** The project's databases with their connection info (never a password). */
export const GET = withAuth(async ({ params }) => Response.json(databaseListSchema.parse({ databases: await listDatabases(params.project) })), {
  params: projectParamsSchema,
});

/** Creates a database with generated credentials (or a kept volume's, said in `effects`) and queues its first apply. */
export const POST = withAuth(
  async ({ params, body, query, principal, clientIp }) => {
    const { database, operation, effects } = await createDatabase({ principal, ip: clientIp }, params.project, body);
    const body201 = databaseChangeSchema.parse({ database, operation: await settled(operation, query.wait), effects });
    return Response.json(body201, { status: 201 });
  },
  { params: projectParamsSchema, query: waitQuerySchema, body: createDatabaseSchema },
);
