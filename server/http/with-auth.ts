import { z } from "zod";
import { requireInScope, requireRole, type ScopeTarget } from "@/server/auth/access";
import type { Principal } from "@/server/auth/principal";
import { SESSION_COOKIE } from "@/server/auth/sessions";
import { requireYamlContentType } from "@/server/http/content-type";
import { readCookie, sessionCookie } from "@/server/http/cookies";
import { AppError, describeZodError } from "@/server/errors";
import { errorResponse } from "@/server/http/errors";
import { readJsonBody, readOptionalJsonBody } from "@/server/http/read-json-body";
import { refuseIfRateLimited, requireCredentials } from "@/server/http/require-credentials";
import { noteRequestUser } from "@/server/http/request-context";
import { checkSameOrigin, clientAddress, headerReader, isHttpsRequest, type HeaderReader } from "@/server/http/request-origin";

type Schema = z.ZodType;
type Out<S> = S extends Schema ? z.output<S> : undefined;

/**
 * What a route takes as its body: a zod schema for a JSON body (`.optional()` when an empty body
 * is also fine); `"yaml"` when the handler reads
 * a YAML body itself (the guard checks its Content-Type); `"unread"` for a handler that never
 * acts on the request (the 404 catch-all). Left out, a mutation takes no body: nothing, or `{}`.
 */
export type BodyRule = Schema | "yaml" | "unread";

/** The second argument Next passes to app router route handlers. */
export type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };
export type RouteHandler = (req: Request, ctx: RouteContext) => Promise<Response>;

/**
 * Validation shared by both guards. Schemas should be `.strict()` so unknown fields are refused.
 * A mutation without a `query` schema takes no query parameters.
 */
export type ValidationOptions<B, P, Q> = { body?: B; params?: P; query?: Q };

/** What a handler receives once the guard has let the request through. */
export type HandlerContext<B, P, Q> = {
  req: Request;
  body: Out<B>;
  params: Out<P>;
  query: Out<Q>;
  /** Client address for audit rows and rate limits (see clientAddress). */
  clientIp: string;
  /** Whether the browser reached Berth over HTTPS; decides the cookie's Secure flag. */
  secure: boolean;
};

export type AuthedContext<B, P, Q> = HandlerContext<B, P, Q> & { principal: Principal };

/**
 * Marks every handler built by this module, so the route-enumeration tests can prove each
 * exported route handler went through a guard, which ones are public, and what body each takes.
 */
export const GUARD_KIND = Symbol.for("berth.guardKind");
const BODY_RULE = Symbol.for("berth.bodyRule");
export type GuardKind = "auth" | "public";

const DEPLOYER_RULE = Symbol.for("berth.deployerRule");

function mark(handler: RouteHandler, kind: GuardKind, body: unknown, deployer?: unknown): RouteHandler {
  return Object.assign(handler, { [GUARD_KIND]: kind, [BODY_RULE]: body, [DEPLOYER_RULE]: deployer });
}

function markOf(handler: unknown, key: symbol): unknown {
  return typeof handler === "function" ? (handler as unknown as Record<symbol, unknown>)[key] : undefined;
}

/** Which guard built a handler, or null when it was not built by this module. */
export function guardKindOf(handler: unknown): GuardKind | null {
  const kind = markOf(handler, GUARD_KIND);
  return kind === "auth" || kind === "public" ? kind : null;
}

/**
 * Whether and where a deploy token may call a route. Left out, deploy tokens get 403. A function
 * names the project and app the request acts on (from its params; it may read the database, as
 * an operation's app is), checked against the token's scope before the query and body are read.
 * `"lists-own-scope"`: a listing whose handler shows a deploy token only its scope (isVisibleTo).
 */
export type DeployerRule<P> = ((params: P) => ScopeTarget | Promise<ScopeTarget>) | "lists-own-scope";

/** The deployer rule a guarded handler was built with, for the route enumeration tests. */
export function deployerRuleOf(handler: unknown): DeployerRule<never> | undefined {
  return markOf(handler, DEPLOYER_RULE) as DeployerRule<never> | undefined;
}

/** The body rule a guarded handler was built with (undefined: it takes no body). */
export function bodyRuleOf(handler: unknown): BodyRule | undefined {
  return markOf(handler, BODY_RULE) as BodyRule | undefined;
}

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function isMutating(req: Request): boolean {
  return MUTATING.has(req.method.toUpperCase());
}

function validate(schema: Schema | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError({ code: "invalid", message: describeZodError(parsed.error, where) });
  return parsed.data;
}

/** What a mutation that declares no body or query takes: nothing (or `{}`), so no route can forget. */
const NO_BODY = z.strictObject({}, { error: "this request takes no body; send nothing or {}" });
const NO_QUERY = z.strictObject({});

async function parseBody(req: Request, rule: BodyRule | undefined): Promise<unknown> {
  if (rule === "unread") return undefined;
  if (rule === "yaml") {
    requireYamlContentType(req.headers.get("content-type"));
    return undefined;
  }
  if (rule instanceof z.ZodOptional) return validate(rule, await readOptionalJsonBody(req), "body");
  if (rule) return validate(rule, await readJsonBody(req), "body");
  if (isMutating(req)) validate(NO_BODY, (await readOptionalJsonBody(req)) ?? {}, "body");
  return undefined;
}

async function parseParams<P>(ctx: RouteContext, schema: P | undefined): Promise<Out<P>> {
  return validate(schema as unknown as Schema | undefined, await ctx.params, "params") as Out<P>;
}

/** The query and body, once the params are parsed (a deploy token's scope is checked in between). */
async function parseInput<B, P, Q>(req: Request, options: ValidationOptions<B, P, Q>, params: Out<P>) {
  const querySchema = (options.query as unknown as Schema | undefined) ?? (isMutating(req) ? NO_QUERY : undefined);
  const query = validate(querySchema, Object.fromEntries(new URL(req.url).searchParams), "query");
  const body = await parseBody(req, options.body as unknown as BodyRule | undefined);
  return { params, query: options.query ? query : undefined, body } as { body: Out<B>; params: Out<P>; query: Out<Q> };
}

function withSetCookie(res: Response, cookie: string): Response {
  const copy = new Response(res.body, res);
  copy.headers.append("Set-Cookie", cookie);
  return copy;
}

/**
 * The one guard for route handlers. In order: refuse a rate-limited Bearer client (429),
 * authenticate (Bearer header, then session cookie; 401), check the role (mutations need admin
 * unless `role: "viewer"` opts in; deploy tokens only where `deployer` says; 403), require a
 * same-origin `Origin` on cookie-authenticated mutations (403), validate params, check a deploy
 * token's scope (403), validate query and the body (400/413/415; see BodyRule), then run the
 * handler.
 * Bookkeeping writes (last-used, sliding expiry) happen only after all checks pass, and every
 * error goes through `toHttpError`.
 */
export function withAuth<B extends BodyRule | undefined = undefined, P extends Schema | undefined = undefined, Q extends Schema | undefined = undefined>(
  handler: (ctx: AuthedContext<B, P, Q>) => Promise<Response> | Response,
  options: ValidationOptions<B, P, Q> & { role?: "admin" | "viewer"; deployer?: DeployerRule<Out<P>>; public?: never } = {},
): RouteHandler {
  return mark(async (req, ctx) => {
    const get = headerReader(req.headers);
    const clientIp = clientAddress(get);
    try {
      const auth = await requireCredentials(get, clientIp);
      const { principal } = auth;
      noteRequestUser(principal.userId);
      requireRole(principal, options.role ?? (isMutating(req) ? "admin" : "viewer"), options.deployer !== undefined);
      if (isMutating(req) && principal.via === "session") refuseCrossSite(get);
      const params = await parseParams(ctx, options.params);
      if (typeof options.deployer === "function") requireInScope(principal, await options.deployer(params));
      const input = await parseInput(req, options, params);
      const slidExpiry = await auth.commit();
      const secure = isHttpsRequest(get, req.url);
      const res = await handler({ req, principal, clientIp, secure, ...input });
      const cookie = readCookie(get("cookie"), SESSION_COOKIE);
      if (slidExpiry && cookie && !res.headers.has("set-cookie")) {
        return withSetCookie(res, sessionCookie(cookie, slidExpiry, secure));
      }
      return res;
    } catch (err) {
      return errorResponse(err);
    }
  }, "auth", options.body, options.deployer);
}

function refuseCrossSite(get: HeaderReader): void {
  const problem = checkSameOrigin(get);
  if (problem) throw new AppError({ code: "forbidden", message: problem });
}

/**
 * The guard for the one route that needs no prior sign-in: `POST /api/session`. It still
 * refuses clients over the failed-login limit (429), refuses a foreign `Origin` (login CSRF;
 * scripts that send no Origin are allowed, they have no cookies to abuse), and validates input.
 * The handler must call `loginFailures.recordFailure` on a failed attempt.
 */
export function withPublic<B extends BodyRule | undefined = undefined, P extends Schema | undefined = undefined, Q extends Schema | undefined = undefined>(
  handler: (ctx: HandlerContext<B, P, Q>) => Promise<Response> | Response,
  options: ValidationOptions<B, P, Q> = {},
): RouteHandler {
  return mark(async (req, ctx) => {
    const get = headerReader(req.headers);
    const clientIp = clientAddress(get);
    try {
      refuseIfRateLimited(clientIp);
      if (isMutating(req) && get("origin") !== null) refuseCrossSite(get);
      const input = await parseInput(req, options, await parseParams(ctx, options.params));
      return await handler({ req, clientIp, secure: isHttpsRequest(get, req.url), ...input });
    } catch (err) {
      return errorResponse(err);
    }
  }, "public", options.body);
}
