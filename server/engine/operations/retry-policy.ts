/**
 * When an operation that failed should run again, and after how long. Only failures that can
 * heal by themselves are retried: the network, 5xx and 429 (honouring Retry-After). A 4xx is
 * the API telling us the request is wrong (401/403 credentials or RBAC, 404, 409 conflict with
 * another field manager, 422 invalid) — retrying would only repeat it, so the operation fails
 * with the API's message instead.
 * https://kubernetes.io/docs/reference/using-api/api-concepts/#status-codes
 */
import { AppError } from "@/server/errors";
import { KubeApiError, KubeNetworkError } from "@/server/kube/kube-api-error";

export const RETRY_LIMITS = {
  maxAttempts: 8,
  baseDelayMs: 200,
  maxDelayMs: 30_000,
  /** A Retry-After longer than this is capped so a queue never sleeps for hours. */
  maxRetryAfterMs: 60_000,
};

export type RetryDecision = { retry: false } | { retry: true; delayMs: number; reason: string };

/** Whether `error` is worth another attempt, ignoring how many attempts were made. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof KubeNetworkError) return true;
  if (error instanceof KubeApiError) return error.code === 429 || error.code >= 500;
  if (error instanceof AppError) return error.code === "cluster_unavailable" && error.status >= 500;
  return false;
}

/**
 * Decides after attempt number `attempt` (1-based) failed with `error`. Delays grow as
 * base·2^(attempt-1) with "full jitter" (a random point in [delay/2, delay]) so many apps
 * retrying after one outage do not stampede the API server together.
 */
export function decideRetry(error: unknown, attempt: number, random: () => number = Math.random): RetryDecision {
  if (!isRetryable(error) || attempt >= RETRY_LIMITS.maxAttempts) return { retry: false };
  const exponential = Math.min(RETRY_LIMITS.maxDelayMs, RETRY_LIMITS.baseDelayMs * 2 ** (attempt - 1));
  let delayMs = Math.round(exponential / 2 + (random() * exponential) / 2);
  const retryAfter = error instanceof KubeApiError ? error.retryAfterSeconds : undefined;
  if (retryAfter !== undefined) delayMs = Math.max(delayMs, Math.min(retryAfter * 1000, RETRY_LIMITS.maxRetryAfterMs));
  return { retry: true, delayMs, reason: describeFailure(error) };
}

/** A one-line description of a failure for the operation row and the revision message. */
export function describeFailure(error: unknown): string {
  if (error instanceof KubeApiError) {
    const base = error.body.message ?? `The Kubernetes API answered ${error.code}.`;
    return error.code === 401 ? `The cluster rejected Berth's credentials (401): ${base}` : base;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
