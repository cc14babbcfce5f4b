import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getOpenApi } from "@/app/api/openapi.json/route";
import { closeTestDb, openTestDb, seedToken } from "@/server/auth/testing/auth-fixtures";
import { buildOpenApiDocument } from "@/server/http/openapi/build-openapi";
import { callRoute, routeRequest } from "@/server/http/testing/route-request";
import { findRoutes, handlersOf } from "@/server/http/testing/find-routes";
import { deployerRuleOf } from "@/server/http/with-auth";

const API_DIR = path.resolve(import.meta.dirname, "../../../app/api");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/**
 * Every route file under app/api as `METHOD /api/path/{param}`, read from disk so a new route
 * cannot be missed. The optional catch-all is left out: it is the 404 for paths that are not APIs.
 */
async function routesOnDisk(): Promise<string[]> {
  const files = fs
    .readdirSync(API_DIR, { recursive: true, encoding: "utf8" })
    .filter((f) => /(^|[\\/])route\.ts$/.test(f) && !f.startsWith("[[..."));
  const out: string[] = [];
  for (const rel of files) {
    const segments = path.dirname(rel).split(path.sep).filter((s) => s !== ".");
    const template = `/api/${segments.map((s) => s.replace(/^\[(.+)\]$/, "{$1}")).join("/")}`.replace(/\/$/, "");
    const mod = (await import(pathToFileURL(path.join(API_DIR, rel)).href)) as Record<string, unknown>;
    for (const method of METHODS) if (typeof mod[method] === "function") out.push(`${method} ${template}`);
  }
  return out.sort();
}

type Doc = { openapi: string; paths: Record<string, Record<string, { parameters: Array<{ name: string; in: string; required: boolean }>; requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown>; required?: string[] } }> }; responses: Record<string, unknown> }>> };
const doc = buildOpenApiDocument() as unknown as Doc;
const documented = Object.entries(doc.paths)
  .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
  .sort();

describe("the OpenAPI document", () => {
  it("describes exactly the routes that exist under app/api, method by method", async () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(documented).toEqual(await routesOnDisk());
  });

  it("marks exactly the routes a deploy token may call, as their guards let it in", async () => {
    const marked = Object.entries(doc.paths)
      .flatMap(([p, ops]) => Object.entries(ops).filter(([, op]) => (op as Record<string, unknown>)["x-berth-deploy-token"] === true).map(([m]) => `${m.toUpperCase()} ${p}`))
      .sort();
    const opened: string[] = [];
    for (const route of findRoutes((name) => `{${name}}`)) {
      for (const [method, handler] of await handlersOf(route)) if (deployerRuleOf(handler) !== undefined) opened.push(`${method} ${route.urlPath}`);
    }
    expect(marked).toEqual(opened.sort());
    expect(marked).toContain("POST /api/projects/{project}/apps/{app}/deploy");
    const createToken = doc.paths["/api/tokens"].post.requestBody!.content["application/json"].schema;
    expect(createToken.properties).toMatchObject({ role: { enum: ["admin", "viewer", "deployer"] }, project: { type: "string" }, app: { type: "string" } });
    const listed = doc.paths["/api/tokens"].get.responses["200"] as { content: Record<string, { schema: { properties: { tokens: { items: { properties: Record<string, unknown> } } } } }> };
    expect(Object.keys(listed.content["application/json"].schema.properties.tokens.items.properties)).toContain("scope");
  });

  it("declares every path parameter of each template, and nothing else as a path parameter", () => {
    for (const [template, ops] of Object.entries(doc.paths)) {
      const names = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      for (const [method, op] of Object.entries(ops)) {
        const declared = op.parameters.filter((p) => p.in === "path").map((p) => p.name).sort();
        expect(declared, `${method} ${template}`).toEqual(names);
      }
    }
  });

  it("describes request bodies from the shared zod schemas", () => {
    const createApp = doc.paths["/api/projects/{project}/apps"].post.requestBody!.content["application/json"].schema;
    expect(createApp.required).toEqual(expect.arrayContaining(["name", "image"]));
    // No port makes a worker, so the port is optional.
    expect(createApp.required).not.toContain("port");
    expect(createApp.properties).toMatchObject({ port: { type: "integer", minimum: 1, maximum: 65535 }, replicas: { minimum: 0, maximum: 50 } });
    expect(Object.keys(createApp.properties ?? {})).toEqual(expect.arrayContaining(["probes", "securityContext"]));
    const rollback = doc.paths["/api/projects/{project}/apps/{app}/rollback"].post.requestBody!.content["application/json"].schema;
    expect(rollback.required).toEqual(["revision"]);
    const deploy = doc.paths["/api/projects/{project}/apps/{app}/deploy"].post;
    expect(deploy.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: "wait", in: "query", required: false })]));
    expect(Object.keys(deploy.responses)).toEqual(expect.arrayContaining(["200", "202", "400", "401", "403", "404"]));
    expect(deploy.requestBody).toMatchObject({ required: false, content: { "application/json": { schema: { type: "object", properties: { image: { type: "string" } }, additionalProperties: false } } } });
  });
});

describe("GET /api/openapi.json", () => {
  let dataDir: string;
  let viewer: string;
  beforeAll(async () => {
    dataDir = await openTestDb();
    viewer = (await seedToken({ role: "viewer" })).token;
  });
  afterAll(() => closeTestDb(dataDir));

  it("serves the document to any signed-in user and refuses anonymous callers", async () => {
    const res = await callRoute(getOpenApi, routeRequest("/api/openapi.json", { bearer: viewer }));
    expect(res.status).toBe(200);
    expect(((await res.json()) as Doc).paths["/api/projects"]).toBeDefined();
    expect((await callRoute(getOpenApi, routeRequest("/api/openapi.json"))).status).toBe(401);
  });
});
