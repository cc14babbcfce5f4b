/**
 * The one way the browser talks to Berth's HTTP API. Every page goes through `api.*` (via the
 * query hooks in lib/queries) so errors arrive as one type with the server's own sentence.
 */

/** An API failure: `code` and `message` come from the server's `{ error: { code, message } }`. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  /** Seconds the server asked us to wait (Retry-After), when it said so. */
  readonly retryAfterSeconds: number | undefined;

  constructor(input: { code: string; message: string; status: number; retryAfterSeconds?: number }) {
    super(input.message);
    this.name = "ApiError";
    this.code = input.code;
    this.status = input.status;
    this.retryAfterSeconds = input.retryAfterSeconds;
  }
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

interface RequestOptions {
  body?: unknown;
  /** A non-JSON body sent as is (the YAML routes take `application/yaml`). */
  text?: { body: string; contentType: string };
  signal?: AbortSignal;
}

function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function readErrorBody(body: unknown): { code?: string; message?: string } {
  if (typeof body !== "object" || body === null || !("error" in body)) return {};
  const error = (body as { error: unknown }).error;
  if (typeof error !== "object" || error === null) return {};
  const { code, message } = error as { code?: unknown; message?: unknown };
  return {
    code: typeof code === "string" ? code : undefined,
    message: typeof message === "string" ? message : undefined,
  };
}

function fallbackMessage(status: number): string {
  if (status === 401) return "Your session has ended. Log in again.";
  if (status === 403) return "Your role does not allow this. Ask an admin.";
  if (status === 404) return "That was not found. It may have been deleted; reload the page.";
  if (status === 429) return "Too many requests. Wait a moment and try again.";
  if (status >= 500) return "Berth hit an error on the server. Try again; if it persists, check the server log.";
  return `The request failed (HTTP ${status}). Try again.`;
}

async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (options.text) headers["content-type"] = options.text.contentType;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.text ? options.text.body : options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: "same-origin",
      cache: "no-store",
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError({
      code: "network",
      message: "Berth cannot be reached. Check that the server is running and your connection is up, then try again.",
      status: 0,
    });
  }

  const text = await response.text();
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }

  if (!response.ok) {
    const { code, message } = readErrorBody(body);
    throw new ApiError({
      code: code ?? `http_${response.status}`,
      message: message ?? fallbackMessage(response.status),
      status: response.status,
      retryAfterSeconds: parseRetryAfter(response.headers.get("retry-after")),
    });
  }
  return body as T;
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, "body">) => request<T>("GET", path, options),
  post: <T>(path: string, body?: unknown) => request<T>("POST", path, { body }),
  postText: <T>(path: string, text: string, contentType: string) => request<T>("POST", path, { text: { body: text, contentType } }),
  put: <T>(path: string, body?: unknown) => request<T>("PUT", path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>("PATCH", path, { body }),
  delete: <T>(path: string, body?: unknown) => request<T>("DELETE", path, { body }),
};

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** A sentence for any thrown value, for places that show errors to a person. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return "Something went wrong in the page. Reload and try again.";
}

/**
 * Retry with intent: never retry what will fail again the same way (4xx other than 429),
 * back off on 429, 5xx and network failures, at most twice.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= 2) return false;
  if (!(error instanceof ApiError)) return false;
  if (error.status === 429 || error.status === 0 || error.status >= 500) return true;
  return false;
}
