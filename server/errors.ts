import { ZodError, type core } from "zod";

/** Every failure Berth reports to a client falls into one of these codes. */
export type ErrorCode =
  | "invalid"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "rate_limited"
  | "cluster_unavailable"
  | "internal";

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  cluster_unavailable: 503,
  internal: 500,
};

/**
 * The one error type services throw. `message` is a sentence shown to the user, so it must say
 * what to fix and never contain a secret. `headers` lets e.g. a 429 carry `Retry-After`.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly headers: Record<string, string>;

  constructor(opts: { code: ErrorCode; message: string; status?: number; headers?: Record<string, string> }) {
    super(opts.message);
    this.name = "AppError";
    this.code = opts.code;
    this.status = opts.status ?? STATUS_BY_CODE[opts.code];
    this.headers = opts.headers ?? {};
  }
}

/**
 * Turns one zod issue into "field: what is wrong". `where` names the part of the request
 * ("body", "query", "params") used when the issue is about the whole object.
 */
export function describeZodIssue(issue: core.$ZodIssue, where = "body"): string {
  const path = issue.path.map(String).join(".");
  if (issue.code === "unrecognized_keys") {
    const names = issue.keys.map((k) => (path ? `${path}.${k}` : k));
    return `${names.join(", ")}: unknown field${names.length > 1 ? "s" : ""}; remove ${names.length > 1 ? "them" : "it"}`;
  }
  const label = path || where;
  return `${label}: ${issue.message}`;
}

/** Formats a whole zod error as one sentence naming every bad field. */
export function describeZodError(error: ZodError, where = "body"): string {
  return error.issues.map((issue) => describeZodIssue(issue, where)).join("; ");
}
