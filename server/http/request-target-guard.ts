import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError } from "@/server/errors";
import { toHttpError } from "@/server/http/errors";
import { clientAddress, headerReader } from "@/server/http/request-origin";
import { requireCredentials } from "@/server/http/require-credentials";

/**
 * What the custom server refuses on /api paths before Next sees them. Next answers a segment
 * that is not valid percent-encoded UTF-8 with a text/plain 500, and resolves `..`, `%2e%2e`
 * and a trailing '/' into a 308 redirect to another path (a DELETE that redirects is a surprise
 * waiting to happen); an API answers such paths itself, in JSON, and never redirects. Next's own
 * bodiless answers on /api (405 for a method a route does not export, 204 to OPTIONS) get the
 * same treatment on their way out: 401 first, and JSON.
 */

function isApiPath(pathname: string): boolean {
  return pathname === "/api" || pathname.startsWith("/api/");
}

function decodes(part: string): boolean {
  try {
    decodeURIComponent(part);
    return true;
  } catch {
    return false;
  }
}

function isDotSegment(segment: string): boolean {
  return /^(\.|%2e){1,2}$/i.test(segment);
}

/** Where the path would lead once dot segments are resolved, as Next would resolve it. */
function resolvedPath(rawPath: string): string {
  try {
    return new URL(rawPath, "http://berth.invalid").pathname;
  } catch {
    return rawPath;
  }
}

/**
 * A page path Next cannot decode (it answers 500): the one check pages get here, answered as
 * plain text since a person reads it in the browser.
 */
export function answerUndecodablePagePath(url: string, res: ServerResponse): boolean {
  const [rawPath] = splitOnce(url, "?");
  const badSegment = rawPath.split("/").find((s) => !decodes(s));
  if (badSegment === undefined) return false;
  res.writeHead(400, { "Content-Type": "text/plain; charset=utf-8" });
  res.end(`This address has a part that is not valid percent-encoded UTF-8 ("${badSegment}"); check the link.\n`);
  return true;
}

/** Why the API refuses this request target, or null when it is not an API path or Next may route it. */
export function apiPathProblem(url: string): AppError | null {
  const [rawPath, rawQuery = ""] = splitOnce(url, "?");
  if (!isApiPath(rawPath) && !isApiPath(resolvedPath(rawPath))) return null;
  const segments = rawPath.split("/").slice(1);
  const badSegment = segments.find((s) => !decodes(s));
  if (badSegment !== undefined) {
    return invalid(`The path segment "${badSegment}" is not valid percent-encoded UTF-8; encode the name as UTF-8 (e.g. %C3%A9 for é).`);
  }
  if (segments.some(isDotSegment)) {
    return invalid(`The path "${rawPath}" has a "." or ".." segment; the API does not resolve them — send the path it leads to instead.`);
  }
  if (segments.slice(0, -1).some((s) => s === "")) {
    return invalid(`The path "${rawPath}" has an empty segment ("//"); remove the extra '/'.`);
  }
  if (segments.length > 1 && segments.at(-1) === "") {
    return new AppError({ code: "not_found", message: `There is no API at "${rawPath}"; remove the trailing '/'.` });
  }
  const badQuery = rawQuery.split(/[&=]/).find((part) => !decodes(part.replace(/\+/g, " ")));
  if (badQuery !== undefined) {
    return invalid(`The query part "${badQuery}" is not valid percent-encoded UTF-8; encode the value as UTF-8.`);
  }
  return null;
}

function splitOnce(value: string, sep: string): [string, string | undefined] {
  const at = value.indexOf(sep);
  return at < 0 ? [value, undefined] : [value.slice(0, at), value.slice(at + 1)];
}

function invalid(message: string): AppError {
  return new AppError({ code: "invalid", message });
}

/** 401 (or 429) when the request has no valid credentials; null when it has. Writes nothing. */
async function credentialRefusal(req: IncomingMessage): Promise<unknown> {
  const get = headerReader(req.headers);
  try {
    await requireCredentials(get, clientAddress(get));
    return null;
  } catch (err) {
    return err;
  }
}

function writeJsonError(res: ServerResponse, err: unknown, end: () => void): void {
  const { status, body, headers } = toHttpError(err);
  res.statusCode = status;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader("Content-Type", "application/json");
  res.setHeader("Cache-Control", "no-store");
  res.write(JSON.stringify(body));
  end();
}

/**
 * Answers a refused /api request in JSON: 401 (or 429) first when it has no valid credentials,
 * like every other API request, otherwise the path's problem. Writes nothing to the database.
 */
export async function answerRefusedApiPath(req: IncomingMessage, res: ServerResponse, problem: AppError): Promise<void> {
  writeJsonError(res, (await credentialRefusal(req)) ?? problem, () => res.end());
}

/**
 * Rewrites the bodiless answers Next gives on /api by itself before any guard runs: a 405 (the
 * route does not export the method) becomes a JSON sentence naming the allowed methods, and it
 * and the 204 to OPTIONS become a 401 without valid credentials.
 */
export function answerBareApiResponsesInJson(req: IncomingMessage, res: ServerResponse): void {
  const [pathname] = splitOnce(req.url ?? "/", "?");
  if (!isApiPath(pathname)) return;
  const isNextsOwn = (status: number) => status === 405 || (req.method === "OPTIONS" && status === 204);
  const writeHead = res.writeHead.bind(res) as (...a: unknown[]) => ServerResponse;
  const end = res.end.bind(res) as (...a: unknown[]) => ServerResponse;
  let isHeld = false;
  // Next writes the head of these answers before ending them; hold it until the body is decided.
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    if (!isNextsOwn(status)) return writeHead(status, ...rest);
    isHeld = true;
    res.statusCode = status;
    const headers = rest.find((r) => typeof r === "object" && r !== null);
    for (const [name, value] of headerEntries(headers)) res.setHeader(name, value);
    return res;
  }) as ServerResponse["writeHead"];
  res.end = ((...args: unknown[]) => {
    const isBare = args.length === 0 || args[0] === undefined || typeof args[0] === "function" || (args[0] as { length?: number }).length === 0;
    if (!isBare || !isNextsOwn(res.statusCode) || (res.headersSent && !isHeld)) return end(...args);
    void credentialRefusal(req).then((refusal) => {
      // Node writes the held head through writeHead itself once the answer goes out.
      res.writeHead = writeHead as ServerResponse["writeHead"];
      if (refusal) return writeJsonError(res, refusal, () => end());
      if (res.statusCode !== 405) return end();
      const allow = String(res.getHeader("allow") ?? "");
      const message = allow
        ? `${pathname} does not take ${req.method}; it takes ${allow}.`
        : `${pathname} does not take ${req.method}; /api/openapi.json lists the methods each path takes.`;
      writeJsonError(res, new AppError({ code: "invalid", status: 405, message }), () => end());
    });
    return res;
  }) as ServerResponse["end"];
}

/** Header pairs from writeHead's object or flat-array form. */
function headerEntries(headers: unknown): Array<[string, string | string[]]> {
  if (Array.isArray(headers)) {
    const pairs: Array<[string, string]> = [];
    for (let i = 0; i + 1 < headers.length; i += 2) pairs.push([String(headers[i]), String(headers[i + 1])]);
    return pairs;
  }
  if (typeof headers !== "object" || headers === null) return [];
  return Object.entries(headers as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : String(v)]);
}
