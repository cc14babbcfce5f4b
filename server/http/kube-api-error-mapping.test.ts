import { describe, expect, it } from "vitest";
import { toHttpError } from "@/server/http/errors";
import { KubeApiError } from "@/server/kube/kube-api-error";

describe("KubeApiError", () => {
  it("maps through toHttpError to the API's status and sentence", () => {
    const err = new KubeApiError(422, { kind: "Status", code: 422, message: 'Deployment.apps "web" is invalid: spec.replicas: must be ≥ 0' });
    expect(toHttpError(err)).toMatchObject({ status: 422, body: { error: { code: "invalid", message: expect.stringContaining("spec.replicas") } } });
    expect(toHttpError(new KubeApiError(404, { kind: "Status", message: 'deployments.apps "web" not found' })).status).toBe(404);
  });

  it("reads Retry-After from the header, else from the Status details", () => {
    expect(new KubeApiError(429, {}, { "retry-after": "7" }).retryAfterSeconds).toBe(7);
    expect(new KubeApiError(503, { details: { retryAfterSeconds: 2 } }).retryAfterSeconds).toBe(2);
    expect(new KubeApiError(503, {}).retryAfterSeconds).toBeUndefined();
  });
});
