import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestContext } from "@/server/http/request-context";

export interface RequestLogLine {
  level: "info";
  msg: "request";
  method: string;
  path: string;
  status: number;
  durationMs: number;
  userId?: string;
}

/**
 * Writes one JSON line per request when the response finishes. Only the path is logged —
 * never the query string, headers or body — so no token or cookie value can reach the log.
 */
export function logRequestOnFinish(
  req: IncomingMessage,
  res: ServerResponse,
  context: RequestContext,
  write: (line: string) => void,
): void {
  const started = performance.now();
  res.once("finish", () => {
    const line: RequestLogLine = {
      level: "info",
      msg: "request",
      method: req.method ?? "GET",
      path: (req.url ?? "/").split("?")[0],
      status: res.statusCode,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      ...(context.userId ? { userId: context.userId } : {}),
    };
    write(JSON.stringify(line));
  });
}
