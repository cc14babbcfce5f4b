/**
 * Errors from talking to the Kubernetes API, in two kinds a caller must tell apart: the API
 * server answered with a failure `Status` (`KubeApiError`), or it could not be reached at all
 * (`KubeNetworkError`). `KubeApiError` keeps `code` and `body` shaped like client-node's
 * `ApiException`, so `toHttpError` in server/http/errors.ts maps it without importing this file.
 * See https://kubernetes.io/docs/reference/using-api/api-concepts/#status-codes
 */

/** The `Status` object the API server sends with every failure. */
export interface KubeStatus {
  kind?: string;
  apiVersion?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    causes?: Array<{ type?: string; message?: string; field?: string }>;
    retryAfterSeconds?: number;
  };
}

export class KubeApiError extends Error {
  readonly code: number;
  readonly body: KubeStatus;
  readonly headers: Record<string, string>;

  constructor(code: number, body: KubeStatus, headers: Record<string, string> = {}) {
    super(body.message ?? `The Kubernetes API answered ${code}.`);
    this.name = "KubeApiError";
    this.code = code;
    this.body = body;
    this.headers = headers;
  }

  /** Seconds the server asked us to wait (Retry-After header or Status details), if any. */
  get retryAfterSeconds(): number | undefined {
    const header = this.headers["retry-after"];
    const fromHeader = header !== undefined ? Number(header) : NaN;
    if (Number.isFinite(fromHeader) && fromHeader >= 0) return fromHeader;
    return this.body.details?.retryAfterSeconds;
  }
}

/** The request never got an HTTP answer (refused, reset, timed out, DNS). */
export class KubeNetworkError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "KubeNetworkError";
  }
}

/**
 * By shape as well as by class: Next's route bundles carry their own copy of this module, so an
 * error thrown by the client set the custom server built fails `instanceof` inside a route.
 */
export function isKubeApiError(err: unknown, code?: number): err is KubeApiError {
  const isOne =
    err instanceof KubeApiError ||
    (err instanceof Error && err.name === "KubeApiError" && typeof (err as { code?: unknown }).code === "number" && typeof (err as { body?: unknown }).body === "object");
  return isOne && (code === undefined || (err as KubeApiError).code === code);
}
