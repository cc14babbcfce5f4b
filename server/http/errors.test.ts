import { afterEach, expect, test, vi } from "vitest";
import { z } from "zod";
import { AppError } from "@/server/errors";
import { toHttpError } from "@/server/http/errors";

afterEach(() => vi.restoreAllMocks());

test("AppError keeps its code, status, sentence and headers", () => {
  const out = toHttpError(new AppError({ code: "rate_limited", message: "Slow down.", headers: { "Retry-After": "5" } }));
  expect(out).toEqual({ status: 429, body: { error: { code: "rate_limited", message: "Slow down." } }, headers: { "Retry-After": "5" } });
});

test("zod errors become 400 naming each field", () => {
  const schema = z.object({ token: z.string({ error: "expected a string" }), n: z.number().optional() }).strict();
  const result = schema.safeParse({ token: 5, extra: true });
  const out = toHttpError(result.error);
  expect(out.status).toBe(400);
  expect(out.body.error.message).toContain("token: expected a string");
  expect(out.body.error.message).toContain("extra: unknown field");
});

test("Prisma's record-not-found becomes 404", () => {
  const err = Object.assign(new Error("No record was found for a delete."), { name: "PrismaClientKnownRequestError", code: "P2025" });
  expect(toHttpError(err).status).toBe(404);
});

test("a Kubernetes Status body keeps the API server's sentence and status", () => {
  const status = { kind: "Status", apiVersion: "v1", status: "Failure", message: 'deployments.apps "web" not found', reason: "NotFound", code: 404 };
  const err = Object.assign(new Error("HTTP-Code: 404"), { code: 404, body: JSON.stringify(status) });
  expect(toHttpError(err)).toMatchObject({ status: 404, body: { error: { code: "not_found", message: 'deployments.apps "web" not found' } } });
  const conflict = Object.assign(new Error("HTTP-Code: 409"), { code: 409, body: { ...status, code: 409, message: "Apply failed with 1 conflict" } });
  expect(toHttpError(conflict)).toMatchObject({ status: 409, body: { error: { code: "conflict" } } });
  const down = Object.assign(new Error("HTTP-Code: 503"), { code: 503, body: { ...status, code: 503, message: "etcd is unhappy" } });
  expect(toHttpError(down)).toMatchObject({ status: 503, body: { error: { code: "cluster_unavailable" } } });
});

test("anything else is a logged 500 with a generic sentence and no secret in the log", () => {
  const logged: string[] = [];
  vi.spyOn(console, "error").mockImplementation((line: string) => void logged.push(line));
  const out = toHttpError(new Error("boom while checking berth_abcdefgh_" + "x".repeat(43)));
  expect(out.status).toBe(500);
  expect(out.body.error).toEqual({ code: "internal", message: expect.stringContaining("server log") });
  expect(out.body.error.message).not.toContain("boom");
  expect(logged.join("\n")).toContain("boom");
  expect(logged.join("\n")).not.toContain("x".repeat(43));
});
