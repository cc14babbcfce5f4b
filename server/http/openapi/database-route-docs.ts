import { operationAcceptedSchema } from "@/lib/dto/app";
import { databaseChangeSchema, databaseDetailSchema, databaseListSchema, databasePasswordSchema } from "@/lib/dto/database";
import { z } from "zod";
import { createDatabaseSchema, updateDatabaseSchema } from "@/lib/schemas/database";
import { logsDownloadQuery } from "@/lib/ws-protocol";
import type { RouteDoc } from "@/server/http/openapi/route-docs";
import { databaseParamsSchema, deleteDatabaseQuerySchema } from "@/server/http/project-api/database-route-schemas";
import { projectParamsSchema, waitQuerySchema } from "@/server/http/project-api/route-schemas";

const DATABASES = "/api/projects/{project}/databases";
const DATABASE = `${DATABASES}/{database}`;
const tag = "databases";

/** The database routes' entries of the OpenAPI document (spread into ROUTE_DOCS). */
export const DATABASE_ROUTE_DOCS: RouteDoc[] = [
  { method: "GET", path: DATABASES, summary: "The project's databases with their connection info (no passwords).", tag, access: "viewer", params: projectParamsSchema, responses: { 200: { description: "OK", schema: databaseListSchema } } },
  {
    method: "POST",
    path: DATABASES,
    summary: "Create a database (StatefulSet, Services, credentials Secret) with generated credentials; its name is unique among the project's apps and databases.",
    tag,
    access: "admin",
    params: projectParamsSchema,
    query: waitQuerySchema,
    body: createDatabaseSchema,
    responses: { 201: { description: "Created; the apply is queued (finished with ?wait=true).", schema: databaseChangeSchema } },
  },
  { method: "GET", path: DATABASE, summary: "One database: status with sentences, connection info, linked apps.", tag, access: "viewer", params: databaseParamsSchema, responses: { 200: { description: "OK", schema: databaseDetailSchema } } },
  {
    method: "PATCH",
    path: DATABASE,
    summary: "Grow the volume, change the version within its major line, or toggle the NodePort; the answer says what it will do.",
    tag,
    access: "admin",
    params: databaseParamsSchema,
    query: waitQuerySchema,
    body: updateDatabaseSchema,
    responses: { 200: { description: "Changed (or nothing to change); the apply is queued.", schema: databaseChangeSchema } },
  },
  {
    method: "DELETE",
    path: DATABASE,
    summary: "Delete the database; its volume only with ?deleteData=true; while apps link it only with ?force=true.",
    tag,
    access: "admin",
    params: databaseParamsSchema,
    query: deleteDatabaseQuerySchema,
    responses: {
      202: { description: "Queued or running.", schema: operationAcceptedSchema },
      200: { description: "Finished (with ?wait=true).", schema: operationAcceptedSchema },
    },
  },
  {
    method: "GET",
    path: `${DATABASE}/logs/download`,
    summary: "The database's full log as a text file (live logs stream over the WebSocket with ?database=).",
    tag,
    access: "viewer",
    params: databaseParamsSchema,
    query: logsDownloadQuery,
    responses: { 200: { description: "The log, as an attachment.", schema: z.string(), mediaType: "text/plain" } },
  },
  { method: "GET", path: `${DATABASE}/password`, summary: "The database's password and full URL (admin; every reveal is audited).", tag, access: "admin", params: databaseParamsSchema, responses: { 200: { description: "OK", schema: databasePasswordSchema } } },
];
