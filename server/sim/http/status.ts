/**
 * The API server's `Status` object, the one error shape every Kubernetes client understands:
 * https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/status/
 */
import type { ServerResponse } from "node:http";
import { SimError } from "@/server/sim/contract";

/** An empty `reason` is left out: real servers send none for errors they cannot classify. */
export function statusBody(code: number, reason: string, message: string, details?: Record<string, unknown>) {
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, ...(reason ? { reason } : {}), ...(details ? { details } : {}), code };
}

export function sendJson(res: ServerResponse, code: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(code, { "Content-Type": "application/json", "Cache-Control": "no-cache, private", ...headers });
  res.end(text);
}

export function sendStatus(res: ServerResponse, err: unknown, headers: Record<string, string> = {}): void {
  if (err instanceof SimError) {
    sendJson(res, err.code, statusBody(err.code, err.reason, err.message, err.details), headers);
    return;
  }
  console.error("sim: internal error", err);
  const message = err instanceof Error ? err.message : String(err);
  sendJson(res, 500, statusBody(500, "InternalError", `Internal error occurred: ${message}`, { causes: [{ message }] }), headers);
}

export function badRequest(message: string): SimError {
  return new SimError(400, "BadRequest", message);
}

export function methodNotSupported(): SimError {
  return new SimError(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
}

export function notFoundPath(): SimError {
  return new SimError(404, "NotFound", "the server could not find the requested resource", {});
}
