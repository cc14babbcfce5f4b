import { WebSocket } from "ws";

/**
 * Attempts a WebSocket handshake and reports the HTTP status the server answered: 101 when the
 * socket opened (it is closed again at once), otherwise the refusal's status (401, 403, 404…).
 * Bounded by `timeoutMs` so a test never hangs on a server that neither accepts nor refuses.
 */
export function probeUpgrade(baseUrl: string, path: string, headers: Record<string, string> = {}, timeoutMs = 5000): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(baseUrl.replace(/^http/, "ws") + path, { headers });
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`WebSocket handshake to ${path} got no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const done = (status: number) => {
      clearTimeout(timer);
      resolve(status);
    };
    socket.once("unexpected-response", (_req, res) => {
      done(res.statusCode ?? 0);
      res.resume();
      socket.terminate();
    });
    socket.once("open", () => {
      done(101);
      socket.close();
    });
    socket.once("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}
