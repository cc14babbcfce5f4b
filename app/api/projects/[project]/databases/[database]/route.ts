import { operationAcceptedSchema } from "@/lib/dto/app";
import { databaseChangeSchema, databaseDetailSchema } from "@/lib/dto/database";
import { updateDatabaseSchema } from "@/lib/schemas/database";
import { deleteDatabase } from "@/server/engine/operations/delete-database";
import { updateDatabase } from "@/server/engine/operations/update-database";
import { readDatabase } from "@/server/engine/queries/list-databases";
import { databaseParamsSchema, deleteDatabaseQuerySchema, settled } from "@/server/http/project-api/database-route-schemas";
import { waitQuerySchema } from "@/server/http/project-api/route-schemas";
import { withAuth } from "@/server/http/with-auth";

/** One database: its status with sentences, connection info (no password) and linked apps. */
export const GET = withAuth(async ({ params }) => Response.json(databaseDetailSchema.parse(await readDatabase(params.project, params.database))), {
  params: databaseParamsSchema,
});

/** Grows the volume, changes the version within its major line, or toggles the NodePort; the answer says what it will do. */
export const PATCH = withAuth(
  async ({ params, body, query, principal, clientIp }) => {
    const change = await updateDatabase({ principal, ip: clientIp }, params, body);
    return Response.json(databaseChangeSchema.parse({ ...change, operation: await settled(change.operation, query.wait) }));
  },
  { params: databaseParamsSchema, query: waitQuerySchema, body: updateDatabaseSchema },
);

/** Deletes the database's objects; its volume (data) only with `?deleteData=true`; while apps link it, only with `?force=true`. */
export const DELETE = withAuth(
  async ({ params, query, principal, clientIp }) => {
    const operation = await deleteDatabase({ principal, ip: clientIp }, { ...params, deleteData: query.deleteData, force: query.force });
    const finished = await settled(operation, query.wait);
    return Response.json(operationAcceptedSchema.parse({ operation: finished, revision: null }), { status: finished!.status === "succeeded" ? 200 : 202 });
  },
  { params: databaseParamsSchema, query: deleteDatabaseQuerySchema },
);
