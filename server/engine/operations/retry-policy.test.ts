import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { KubeApiError, KubeNetworkError } from "@/server/kube/kube-api-error";
import { decideRetry, RETRY_LIMITS } from "@/server/engine/operations/retry-policy";

const api = (code: number, headers: Record<string, string> = {}) => new KubeApiError(code, { message: `answered ${code}` }, headers);

describe("decideRetry", () => {
  it.each([401, 403, 404, 409, 422])("never retries %i: the request itself is wrong", (code) => {
    expect(decideRetry(api(code), 1)).toEqual({ retry: false });
  });

  it("never retries a validation AppError", () => {
    expect(decideRetry(new AppError({ code: "invalid", message: "bad" }), 1)).toEqual({ retry: false });
    expect(decideRetry(new AppError({ code: "conflict", message: "owned by kubectl" }), 1)).toEqual({ retry: false });
  });

  it.each([500, 502, 503, 504, 429])("retries %i with a growing delay", (code) => {
    const first = decideRetry(api(code), 1, () => 1);
    const third = decideRetry(api(code), 3, () => 1);
    expect(first).toMatchObject({ retry: true, delayMs: RETRY_LIMITS.baseDelayMs });
    expect(third).toMatchObject({ retry: true, delayMs: RETRY_LIMITS.baseDelayMs * 4 });
  });

  it("retries network failures", () => {
    expect(decideRetry(new KubeNetworkError("ECONNREFUSED"), 2, () => 0)).toMatchObject({ retry: true, delayMs: RETRY_LIMITS.baseDelayMs });
  });

  it("waits at least as long as Retry-After says", () => {
    expect(decideRetry(api(429, { "retry-after": "3" }), 1, () => 0)).toMatchObject({ retry: true, delayMs: 3000 });
  });

  it("jitters between half and the full delay", () => {
    const low = decideRetry(api(503), 4, () => 0);
    const high = decideRetry(api(503), 4, () => 1);
    expect(low).toMatchObject({ delayMs: RETRY_LIMITS.baseDelayMs * 4 });
    expect(high).toMatchObject({ delayMs: RETRY_LIMITS.baseDelayMs * 8 });
  });

  it("gives up after the last attempt", () => {
    expect(decideRetry(api(503), RETRY_LIMITS.maxAttempts)).toEqual({ retry: false });
  });

  it("caps the delay", () => {
    expect(decideRetry(api(503), 7, () => 1)).toMatchObject({ delayMs: Math.min(RETRY_LIMITS.maxDelayMs, RETRY_LIMITS.baseDelayMs * 64) });
  });
});
