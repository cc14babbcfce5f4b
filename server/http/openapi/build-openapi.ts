import { z } from "zod";
import { errorBodySchema } from "@/server/http/openapi/foundation-schemas";
import { ROUTE_DOCS, type RouteDoc } from "@/server/http/openapi/route-docs";

/**
 * Builds Berth's OpenAPI 3.1 document from ROUTE_DOCS. Schemas come from the zod schemas the
 * handlers use (`z.toJSONSchema`, JSON Schema 2020-12, which OpenAPI 3.1 uses as is): request
 * parts as the client sends them (`io: "input"`: defaults optional), answers as the server
 * sends them. Rules zod cannot express in JSON Schema (DNS names, image references, quantities)
 * are enforced by the server and explained in its 400 sentences.
 * https://spec.openapis.org/oas/v3.1.0
 */

type Json = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: "input" | "output"): Json {
  const out = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as Json;
  delete out.$schema;
  return out;
}

function parameters(schema: z.ZodType | undefined, where: "path" | "query"): Json[] {
  if (!schema) return [];
  const object = jsonSchema(schema, "input") as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === "path" || (object.required ?? []).includes(name),
    schema: property,
  }));
}

const ERRORS: Record<string, string> = {
  400: "The request is invalid; the message names the field and what to fix.",
  401: "No valid credentials (Bearer token or session cookie).",
  403: "The credentials lack the role this needs, or a cross-site request.",
  404: "The project, app or revision does not exist.",
  409: "Conflicts with the current state (a name in use, a deletion in progress, another field manager).",
  503: "The cluster cannot be reached.",
};

/** A `.optional()` body schema (e.g. the deploy's `{ image }`) is a request body that may be left out. */
function requestBody(body: z.ZodType, doc: RouteDoc): Json {
  const isOptional = body instanceof z.ZodOptional;
  const schema = isOptional ? (body.unwrap() as z.ZodType) : body;
  return {
    required: !isOptional,
    ...(doc.bodyDescription ? { description: doc.bodyDescription } : {}),
    content: { [doc.bodyMediaType ?? "application/json"]: { schema: jsonSchema(schema, "input") } },
  };
}

function operation(doc: RouteDoc): Json {
  const responses: Json = {};
  for (const [status, answer] of Object.entries(doc.responses)) {
    responses[status] = answer.schema
      ? { description: answer.description, content: { [answer.mediaType ?? "application/json"]: { schema: jsonSchema(answer.schema, "output") } } }
      : { description: answer.description };
  }
  const errorCodes = doc.access === "public" ? ["400"] : ["400", "401", "403", "404", "409", "503"];
  for (const code of errorCodes) {
    responses[code] = { description: ERRORS[code], content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
  }
  return {
    summary: doc.summary,
    tags: [doc.tag],
    operationId: `${doc.method.toLowerCase()}${doc.path.replace(/[{}]/g, "").replace(/[^a-zA-Z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
    ...(doc.access === "public" ? { security: [] } : {}),
    "x-berth-role": doc.access,
    ...(doc.deployToken ? { "x-berth-deploy-token": true } : {}),
    parameters: [...parameters(doc.params, "path"), ...parameters(doc.query, "query")],
    ...(doc.body ? { requestBody: requestBody(doc.body, doc) } : {}),
    responses,
  };
}

/** The whole document. Pure; the route caches it. */
export function buildOpenApiDocument(docs: RouteDoc[] = ROUTE_DOCS): Json {
  const paths: Record<string, Json> = {};
  for (const doc of docs) {
    paths[doc.path] ??= {};
    paths[doc.path][doc.method.toLowerCase()] = operation(doc);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Berth API",
      version: "1",
      description:
        "Projects, apps, hostnames, volumes, deploys and status of a Berth installation. Authenticate with `Authorization: Bearer <token>` " +
        "(create tokens under Settings) or a session cookie. Mutations need the admin role. Work on the cluster is queued: " +
        "mutations answer 202 with the operation; add `?wait=true` to wait (up to 60 s) for its outcome.",
    },
    servers: [{ url: "/" }],
    security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    tags: ["projects", "apps", "databases", "templates", "status", "yaml", "auth", "cluster", "meta"].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "A Berth API token." },
        sessionCookie: { type: "apiKey", in: "cookie", name: "berth_session" },
      },
      schemas: { Error: jsonSchema(errorBodySchema, "output") },
    },
  };
}
