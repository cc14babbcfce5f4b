import type { WebSocket } from "ws";
import type { ZodError } from "zod";

/** The default keepalive: well under the 60 s idle timeout of nginx and most load balancers. */
export const KEEPALIVE_MS = 30_000;

/**
 * Sends a WebSocket ping every `intervalMs` (browsers answer pongs by themselves) so idle
 * proxies keep the connection; a peer that missed a whole interval is terminated. Returns the stop.
 */
export function startKeepalive(socket: WebSocket, intervalMs = KEEPALIVE_MS): () => void {
  let isAlive = true;
  socket.on("pong", () => {
    isAlive = true;
  });
  const timer = setInterval(() => {
    if (!isAlive) return socket.terminate();
    isAlive = false;
    socket.ping();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** A 400 sentence for a bad socket query, naming the parameter. */
export function describeQueryError(error: ZodError): string {
  const issue = error.issues[0];
  const where = issue?.path.length ? issue.path.join(".") : "query";
  return `${where}: ${issue?.message ?? "invalid"}. Fix the address and reconnect.`;
}
