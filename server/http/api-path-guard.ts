import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError } from "@/server/errors";
import { toHttpError } from "@/server/http/errors";
import { clientAddress, headerReader } from "@/server/http/request-origin";
import { requireCredentials } from "@/server/http/require-credentials";

/**
 * What the custom server refuses on /api paths before Next sees them. Next answers a segment
 * that is not valid percent-encoded UTF-8 with a text/plain 500, and resolves `..`, `%2e%2e`
 * and a trailing '/' into a 308 redirect to another path (a DELETE that redirects is a surprise
 * waiting to happen); an API answers such paths itself, in JSON, and never redirects.
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

/** Why the API refuses this request target, or null when Next may route it. */
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

/**
 * Answers a refused /api request in JSON: 401 (or 429) first when it has no valid credentials,
 * like every other API request, otherwise the path's problem. Writes nothing to the database.
 */
export async function answerRefusedApiPath(req: IncomingMessage, res: ServerResponse, problem: AppError): Promise<void> {
  const get = headerReader(req.headers);
  let refusal: unknown = problem;
  try {
    await requireCredentials(get, clientAddress(get));
  } catch (err) {
    refusal = err;
  }
  const { status, body, headers } = toHttpError(refusal);
  res.writeHead(status, { ...headers, "Content-Type": "application/json", "Cache-Control": "no-store" });
  res.end(JSON.stringify(body));
}
