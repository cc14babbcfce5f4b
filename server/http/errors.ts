import { ZodError } from "zod";
import { AppError, describeZodError, STATUS_BY_CODE, type ErrorCode } from "@/server/errors";
import { redactSecrets } from "@/server/http/redact";

/** The JSON body of every error answer: `{ error: { code, message } }`. */
export type ErrorBody = { error: { code: ErrorCode; message: string } };

/** What `toHttpError` decides: a status, a body and any extra headers. */
export type HttpError = { status: number; body: ErrorBody; headers: Record<string, string> };

function isPrismaKnownError(err: unknown): err is { code: string; meta?: Record<string, unknown> } {
  return (
    typeof err === "object" &&
    err !== null &&
    (err as { name?: unknown }).name === "PrismaClientKnownRequestError" &&
    typeof (err as { code?: unknown }).code === "string"
  );
}

type KubeStatus = { kind?: string; message?: string; reason?: string; code?: number };

/**
 * Recognises `ApiException` from @kubernetes/client-node without importing it (only server/kube
 * may): it carries the HTTP status in `code` and the API server's `Status` object (or its JSON
 * text) in `body`. See https://kubernetes.io/docs/reference/using-api/api-concepts/#status-codes
 */
function kubeStatusOf(err: unknown): { status: number; body: KubeStatus } | null {
  if (typeof err !== "object" || err === null) return null;
  const { code, body } = err as { code?: unknown; body?: unknown };
  if (typeof code !== "number" || code < 400 || code > 599 || body === undefined) return null;
  let parsed: unknown = body;
  if (typeof body === "string") {
    try {
      parsed = JSON.parse(body);
    } catch {
      return null;
    }
  }
  if (typeof parsed !== "object" || parsed === null || (parsed as KubeStatus).kind !== "Status") return null;
  return { status: code, body: parsed as KubeStatus };
}

function kubeCodeFor(status: number): ErrorCode {
  if (status === 400 || status === 422) return "invalid";
  if (status === 401) return "cluster_unavailable";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 409) return "conflict";
  if (status === 413) return "payload_too_large";
  if (status === 429) return "rate_limited";
  return "cluster_unavailable";
}

function httpError(code: ErrorCode, message: string, status = STATUS_BY_CODE[code], headers = {}): HttpError {
  return { status, body: { error: { code, message } }, headers };
}

/**
 * The one mapper from anything thrown to an HTTP answer. Unknown errors are logged (redacted)
 * and answered with a generic 500, so internals never reach the client.
 */
export function toHttpError(err: unknown): HttpError {
  if (err instanceof AppError) return httpError(err.code, err.message, err.status, err.headers);
  if (err instanceof ZodError) return httpError("invalid", describeZodError(err));
  if (isPrismaKnownError(err)) {
    if (err.code === "P2025") return httpError("not_found", "That item does not exist (it may have been deleted).");
    if (err.code === "P2002") return httpError("conflict", "An item with that name already exists; choose another name.");
  }
  const kube = kubeStatusOf(err);
  if (kube) {
    const code = kubeCodeFor(kube.status);
    const message =
      code === "cluster_unavailable" && kube.status === 401
        ? "Berth's credentials for the cluster were rejected; check its service account or kubeconfig."
        : (kube.body.message ?? `The Kubernetes API answered ${kube.status}.`);
    const status = code === "cluster_unavailable" ? 503 : kube.status === 422 ? 422 : STATUS_BY_CODE[code];
    return httpError(code, message, status);
  }
  logUnexpected(err);
  return httpError("internal", "Something went wrong inside Berth; the server log has the details.");
}

/** Builds the JSON `Response` for anything thrown. */
export function errorResponse(err: unknown): Response {
  const { status, body, headers } = toHttpError(err);
  return Response.json(body, { status, headers });
}

function logUnexpected(err: unknown): void {
  const detail =
    err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : { message: String(err) };
  console.error(
    JSON.stringify({
      level: "error",
      msg: "unhandled error in request",
      error: {
        name: "name" in detail ? detail.name : undefined,
        message: redactSecrets(detail.message ?? ""),
        stack: "stack" in detail && detail.stack ? redactSecrets(detail.stack) : undefined,
      },
    }),
  );
}
