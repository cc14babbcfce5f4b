import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import * as projects from "@/app/api/projects/route";
import * as project from "@/app/api/projects/[project]/route";
import * as apps from "@/app/api/projects/[project]/apps/route";
import * as deploy from "@/app/api/projects/[project]/apps/[app]/deploy/route";
import { loginFailures } from "@/server/auth/login-rate-limit";
import { seedToken, testActing } from "@/server/auth/testing/auth-fixtures";
import { createDatabase } from "@/server/engine/operations/create-database";
import { waitForOperation } from "@/server/engine/operations/wait-for-operation";
import { getDb } from "@/server/db/client";
import { openEngineFixture, type EngineFixture } from "@/server/engine/test/engine-fixture";
import { setCluster } from "@/server/kube/cluster";
import { KINDS, refOf } from "@/server/sim/kinds/kind-registry";
import { findRoutes, handlersOf, MUTATING, type Route } from "@/server/http/testing/find-routes";
import { callRoute, TEST_HOST, TEST_ORIGIN } from "@/server/http/testing/route-request";
import { bodyRuleOf, type BodyRule, type RouteHandler } from "@/server/http/with-auth";

/**
 * Every route and method, sent what an attacker or a careless script sends: no body, `{}`,
 * wrong types, an unknown field, prototype keys, the wrong Content-Type, text that is not UTF-8.
 * Each answer must be a 4xx JSON error with a sentence, and afterwards the database and the
 * simulated cluster must be exactly as before. Path-level cases (percent-encoding, dot segments)
 * never reach a handler; request-target-guard.test.ts sends those to the real server.
 */

let fx: EngineFixture;
let admin: string;
let otherTokenId: string;
let operationId: string;

type Sent = { method: string; path: string; body?: BodyInit; contentType?: string };
type Case = { name: string; send: (route: Route, method: string) => Sent; status?: number; names?: string };

function request({ method, path, body, contentType }: Sent): Request {
  const headers: Record<string, string> = { host: TEST_HOST, "x-berth-client-ip": "192.0.2.10", authorization: `Bearer ${admin}` };
  if (contentType) headers["content-type"] = contentType;
  return new Request(`${TEST_ORIGIN}${path}`, { method, headers, body });
}

const json = (value: unknown) => JSON.stringify(value);
const INVALID_UTF8 = new Uint8Array([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]); // {"name":"\xff\xfe"}
const INVALID_UTF8_YAML = new Uint8Array([0x6b, 0x69, 0x6e, 0x64, 0x3a, 0x20, 0xc3, 0x28, 0x0a]); // kind: \xc3(

/** A body where every field the schema knows has a type no Berth field takes. */
function wrongTypes(rule: BodyRule | undefined): unknown {
  const shape = typeof rule === "object" ? (rule as unknown as { shape?: Record<string, z.ZodType> }).shape : undefined;
  if (!shape || Object.keys(shape).length === 0) return ["not", "an", "object"];
  return Object.fromEntries(Object.keys(shape).map((key) => [key, { wrong: [true] }]));
}

/** What every JSON body endpoint, and every mutation that takes no body, must refuse. */
const JSON_CASES: Case[] = [
  { name: "wrong types", send: (r, m) => ({ method: m, path: r.urlPath, body: json(wrongTypes(bodyRuleOf(handlerFor(r, m)))), contentType: "application/json" }), status: 400 },
  { name: "an unknown field", send: (r, m) => ({ method: m, path: r.urlPath, body: json({ zzUnknown: 1 }), contentType: "application/json" }), status: 400, names: "zzUnknown" },
  { name: "a __proto__ key", send: (r, m) => ({ method: m, path: r.urlPath, body: '{"__proto__": {"role": "admin"}}', contentType: "application/json" }), status: 400, names: "__proto__" },
  { name: "a nested constructor key", send: (r, m) => ({ method: m, path: r.urlPath, body: '{"a": [{"constructor": {"prototype": 1}}]}', contentType: "application/json" }), status: 400, names: "constructor" },
  { name: "JSON sent as text/plain", send: (r, m) => ({ method: m, path: r.urlPath, body: "{}", contentType: "text/plain" }), status: 415 },
  { name: "a form post", send: (r, m) => ({ method: m, path: r.urlPath, body: "image=evil%3Alatest", contentType: "application/x-www-form-urlencoded" }), status: 415 },
  { name: "JSON in a charset other than UTF-8", send: (r, m) => ({ method: m, path: r.urlPath, body: "{}", contentType: "application/json; charset=iso-8859-1" }), status: 415 },
  { name: "a JSON body without a Content-Type", send: (r, m) => ({ method: m, path: r.urlPath, body: "{}" }), status: 415 },
  { name: "invalid UTF-8", send: (r, m) => ({ method: m, path: r.urlPath, body: INVALID_UTF8, contentType: "application/json" }), status: 400 },
  { name: "a lone surrogate", send: (r, m) => ({ method: m, path: r.urlPath, body: '{"name": "web\\ud800"}', contentType: "application/json" }), status: 400 },
  { name: "an unknown query parameter", send: (r, m) => ({ method: m, path: `${r.urlPath}?zzUnknown=1`, body: "{}", contentType: "application/json" }), status: 400, names: "zzUnknown" },
];

/** A JSON body endpoint also refuses an absent body and an empty object. */
const REQUIRED_BODY_CASES: Case[] = [
  { name: "no body", send: (r, m) => ({ method: m, path: r.urlPath }), status: 400 },
  { name: "an empty object", send: (r, m) => ({ method: m, path: r.urlPath, body: "{}", contentType: "application/json" }), status: 400 },
];

const NON_OBJECT_BODY: Case = { name: "a non-object body", send: (r, m) => ({ method: m, path: r.urlPath, body: json("deploy"), contentType: "application/json" }), status: 400 };

/** A mutation that takes no body refuses one that says something. */
const NO_BODY_CASES: Case[] = [
  { name: "a field it does not take", send: (r, m) => ({ method: m, path: r.urlPath, body: json({ image: "evil:latest" }), contentType: "application/json" }), status: 400, names: "image" },
  NON_OBJECT_BODY,
];

/** A mutation whose body is optional (the deploy's `{ image }`) takes none or `{}`, but refuses one that is not an object. */
const OPTIONAL_BODY_CASES: Case[] = [NON_OBJECT_BODY];

const YAML_CASES: Case[] = [
  { name: "no body and no Content-Type", send: (r, m) => ({ method: m, path: `${r.urlPath}?project=shop` }), status: 415 },
  { name: "JSON", send: (r, m) => ({ method: m, path: `${r.urlPath}?project=shop`, body: "{}", contentType: "application/json" }), status: 415 },
  { name: "text/plain", send: (r, m) => ({ method: m, path: `${r.urlPath}?project=shop`, body: "kind: Namespace", contentType: "text/plain" }), status: 415 },
  { name: "an empty YAML body", send: (r, m) => ({ method: m, path: `${r.urlPath}?project=shop`, body: "", contentType: "application/yaml" }), status: 400 },
  { name: "invalid UTF-8", send: (r, m) => ({ method: m, path: `${r.urlPath}?project=shop`, body: INVALID_UTF8_YAML, contentType: "application/yaml" }), status: 400 },
  { name: "an unknown query parameter", send: (r, m) => ({ method: m, path: `${r.urlPath}?project=shop&zzUnknown=1`, body: "kind: Namespace", contentType: "application/yaml" }), status: 400, names: "zzUnknown" },
];

/** Parameters that could only come from text that was not UTF-8 (replacement character, lone surrogate). */
const PARAM_CASES = ["shop\uFFFD", "shop\uD800"];

/**
 * A merge patch with no fields is a valid request that changes nothing (see the PATCH test
 * below); a template installed with `{}` takes every parameter's default.
 */
const EMPTY_OBJECT_IS_VALID = new Set(["POST /api/projects/[project]/templates/[template]", "PATCH /api/projects/[project]", "PATCH /api/projects/[project]/apps/[app]/tasks/[task]", "PATCH /api/projects/[project]/databases/[database]"]);

const handlers = new Map<string, RouteHandler>();
function handlerFor(route: Route, method: string): RouteHandler {
  return handlers.get(`${method} ${route.pattern}`)!;
}

function casesFor(route: Route, method: string): Case[] {
  const rule = bodyRuleOf(handlerFor(route, method));
  if (!MUTATING.has(method)) return [];
  if (rule === "yaml") return YAML_CASES;
  if (rule === undefined) return [...NO_BODY_CASES, ...JSON_CASES];
  if (rule instanceof z.ZodOptional) return [...OPTIONAL_BODY_CASES, ...JSON_CASES];
  const required = REQUIRED_BODY_CASES.filter((c) => !(c.name === "an empty object" && EMPTY_OBJECT_IS_VALID.has(`${method} ${route.pattern}`)));
  return [...required, ...JSON_CASES];
}

/** Every row of every table, so an update (not only an insert) is caught too. */
async function databaseContents(): Promise<Record<string, unknown[]>> {
  const db = getDb();
  const tables = await db.$queryRawUnsafe<Array<{ name: string }>>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma%' ORDER BY name",
  );
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables) out[name] = await db.$queryRawUnsafe(`SELECT * FROM "${name.replace(/"/g, '""')}" ORDER BY rowid`);
  return out;
}

/** Kinds the simulated controllers keep changing on their own (status, events, endpoints, usage). */
const CHURNING_KINDS = new Set(["Pod", "Event", "Endpoints", "EndpointSlice", "Lease", "NodeMetrics", "PodMetrics"]);

/** Every object Berth could have written in the simulated cluster, without status or versions. */
function clusterContents(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const kind of KINDS) {
    if (CHURNING_KINDS.has(kind.kind)) continue;
    for (const obj of fx.cluster.sim.store.listRaw(refOf(kind))) {
      const { metadata, status: _status, ...rest } = obj as { metadata: Record<string, unknown>; status?: unknown };
      out[`${kind.kind}/${metadata.namespace ?? ""}/${metadata.name}`] = { labels: metadata.labels, annotations: metadata.annotations, ...rest };
    }
  }
  return out;
}

async function send(handler: RouteHandler, route: Route, sent: Sent): Promise<{ status: number; type: string | null; body: { error?: { message?: string } } }> {
  const res = await callRoute(handler, request(sent), route.params);
  return { status: res.status, type: res.headers.get("content-type"), body: await res.json() };
}

function expectRefusal(what: string, res: Awaited<ReturnType<typeof send>>, expected: { status?: number; names?: string }) {
  expect(res.status, what).toBeGreaterThanOrEqual(400);
  expect(res.status, what).toBeLessThan(500);
  if (expected.status) expect(res.status, `${what}: ${res.body.error?.message}`).toBe(expected.status);
  expect(res.type, what).toMatch(/^application\/json/);
  const message = res.body.error?.message ?? "";
  // A sentence, or the house form of a validation error: "field: what is wrong".
  expect(message, what).toMatch(/\w+ \w+|^[\w.[\]]+: \w+/);
  if (expected.names) expect(message, what).toContain(expected.names);
}

beforeAll(async () => {
  fx = await openEngineFixture();
  setCluster({ source: "sim", origin: fx.cluster.dir, kubeConfig: fx.cluster.kubeConfig, isSimulated: true });
  admin = (await seedToken({ role: "admin" })).token;
  otherTokenId = (await seedToken({ role: "viewer" })).tokenId;
  const call = (handler: RouteHandler, path: string, body: unknown, params: Record<string, string> = {}) =>
    callRoute(handler, request({ method: "POST", path, body: body === undefined ? undefined : json(body), contentType: body === undefined ? undefined : "application/json" }), params);
  expect((await call(projects.POST, "/api/projects", { name: "shop", displayName: "The shop" })).status).toBe(201);
  const created = await call(apps.POST, "/api/projects/shop/apps", {
    name: "web",
    image: "nginx:1.27",
    port: 80,
    hostnames: [{ host: "shop.example.com" }],
    volumes: [{ name: "data", size: "1Gi", mountPath: "/data" }],
    tasks: [{ name: "nightly", schedule: "@daily", command: ["true"] }],
  }, { project: "shop" });
  expect(created.status).toBe(201);
  const deployed = await (await call(deploy.POST, "/api/projects/shop/apps/web/deploy?wait=true", undefined, { project: "shop", app: "web" })).json();
  expect(deployed.operation.status).toBe("succeeded");
  operationId = deployed.operation.id;
  const database = await createDatabase(testActing(), "shop", { name: "pg", engine: "postgresql", size: "1Gi" });
  expect((await waitForOperation(database.operation.id, 30_000)).status).toBe("succeeded");
}, 90_000);
afterAll(() => fx?.close());

describe("hostile requests to every route", () => {
  it("each answers 4xx JSON with a sentence, and the database and cluster are unchanged", async () => {
    const values: Record<string, string> = { project: "shop", app: "web", host: "shop.example.com", volume: "data", path: "nope", server: "ghcr.io", task: "nightly", database: "pg", template: "uptime-kuma", file: "pg-20261201T030000Z.dump" };
    const fill = (name: string, pattern: string) => (name === "id" ? (pattern.startsWith("/api/tokens/") ? otherTokenId : operationId) : values[name]);
    const routes = findRoutes(fill).filter((r) => r.pattern.startsWith("/api/"));
    for (const route of routes) {
      for (const [method, handler] of await handlersOf(route)) handlers.set(`${method} ${route.pattern}`, handler);
    }
    const dbBefore = await databaseContents();
    const clusterBefore = clusterContents();

    let sentCount = 0;
    for (const route of routes) {
      for (const [method, handler] of await handlersOf(route)) {
        const isCatchAll = bodyRuleOf(handler) === "unread";
        for (const c of casesFor(route, method)) {
          const res = await send(handler, route, c.send(route, method));
          expectRefusal(`${method} ${route.pattern} with ${c.name}`, res, isCatchAll ? { status: 404 } : c);
          sentCount++;
        }
        if (isCatchAll) continue;
        for (const [name, value] of Object.entries(route.params)) {
          for (const bad of PARAM_CASES) {
            const res = await send(handler, { ...route, params: { ...route.params, [name]: bad } }, { method, path: route.urlPath });
            expectRefusal(`${method} ${route.pattern} with ${name}=${JSON.stringify(bad)} (was ${value})`, res, {});
            sentCount++;
          }
        }
      }
    }
    loginFailures.reset();
    expect(sentCount).toBeGreaterThan(300);
    expect(await databaseContents()).toEqual(dbBefore);
    expect(clusterContents()).toEqual(clusterBefore);
  }, 120_000);
});

describe("what a few of those refusals mean", () => {
  const appParams = { project: "shop", app: "web" };

  it("a deploy sent a field besides the image is refused rather than deploying the stored spec", async () => {
    const res = await send(deploy.POST, { file: "", pattern: "", urlPath: "", params: appParams }, {
      method: "POST",
      path: "/api/projects/shop/apps/web/deploy",
      body: json({ image: "nginx:1.28", tag: "1.28" }),
      contentType: "application/json",
    });
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toBe("tag: unknown field; remove it");
  });

  it("PATCH changes only the fields present, null clears one, and {} changes nothing", async () => {
    const patch = (body: unknown) =>
      send(project.PATCH, { file: "", pattern: "", urlPath: "", params: { project: "shop" } }, { method: "PATCH", path: "/api/projects/shop", body: json(body), contentType: "application/json" });
    expect((await patch({})).body).toMatchObject({ name: "shop", displayName: "The shop" });
    expect((await patch({ displayName: "  Shop front " })).body).toMatchObject({ displayName: "Shop front" });
    expect((await patch({ displayName: null })).body).toMatchObject({ displayName: null });
    const wrong = await patch({ displayName: 7 });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error?.message).toBe("displayName: expected a string, or null to clear it");
  });
});
