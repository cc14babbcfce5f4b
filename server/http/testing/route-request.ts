import type { RouteHandler } from "@/server/http/with-auth";

/** The host test requests are addressed to; same-origin requests use `http://berth.test`. */
export const TEST_HOST = "berth.test";
export const TEST_ORIGIN = `http://${TEST_HOST}`;

/**
 * Builds a `Request` as the custom server would hand it to a route handler: a Host header and
 * the client address header, plus whatever credentials the test wants.
 */
export function routeRequest(
  path: string,
  options: {
    method?: string;
    body?: unknown;
    rawBody?: string;
    bearer?: string;
    cookie?: string;
    origin?: string | null;
    clientIp?: string;
    headers?: Record<string, string>;
  } = {},
): Request {
  const headers: Record<string, string> = { host: TEST_HOST, "x-berth-client-ip": options.clientIp ?? "192.0.2.10" };
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  if (options.cookie) headers.cookie = options.cookie;
  if (options.origin) headers.origin = options.origin;
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers["content-type"] = "application/json";
  return new Request(`${TEST_ORIGIN}${path}`, {
    method: options.method ?? "GET",
    headers: { ...headers, ...options.headers },
    body,
  });
}

export interface JsonCallOptions {
  method?: string;
  body?: unknown;
  params?: Record<string, string>;
  bearer: string;
}

/** Calls a route as `bearer` and reads its JSON answer: the shape the API tests assert on. */
export async function callJson(handler: RouteHandler, path: string, opts: JsonCallOptions) {
  const res = await callRoute(handler, routeRequest(path, { method: opts.method, body: opts.body, bearer: opts.bearer }), opts.params ?? {});
  return { status: res.status, body: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Calls a route handler the way Next does, with its dynamic segments as `params`. */
export function callRoute(handler: RouteHandler, req: Request, params: Record<string, string | string[]> = {}): Promise<Response> {
  return handler(req, { params: Promise.resolve(params) });
}

/** The `berth_session=<value>` pair from a login answer, ready for a `Cookie` header. */
export function sessionCookieFrom(res: Response): string | null {
  const header = res.headers.get("set-cookie");
  const match = header ? /(?:^|,\s*)(berth_session=[^;]*)/.exec(header) : null;
  return match ? match[1] : null;
}
