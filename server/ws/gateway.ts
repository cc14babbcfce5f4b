import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";

export type UpgradeAuthResult<P> = { ok: true; principal: P } | { ok: false; status: 401 | 403; message: string };

export type WsRoute<P> = (socket: WebSocket, req: IncomingMessage, principal: P) => void;

export interface WsGatewayOptions<P> {
  /** Checks credentials and Origin before any WebSocket exists. */
  authenticate: (req: IncomingMessage) => Promise<UpgradeAuthResult<P>>;
  routes: Record<string, WsRoute<P>>;
  /** Largest message a browser may send; logs and exec input are small. */
  maxPayload?: number;
}

export interface WsGateway {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Closes every open socket with the given code (1001 "going away" on shutdown). */
  closeAll(code: number, reason: string): void;
  openCount(): number;
}

const STATUS_TEXT: Record<number, string> = { 401: "Unauthorized", 403: "Forbidden", 404: "Not Found" };

/**
 * Routes `/api/ws/*` upgrades by path. Authentication and the Origin check run before the
 * handshake completes; a refused upgrade gets a plain HTTP error and the socket is destroyed,
 * so an unauthenticated client never holds an open WebSocket.
 */
export function createWsGateway<P>(options: WsGatewayOptions<P>): WsGateway {
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload ?? 64 * 1024 });

  function refuse(socket: Duplex, status: number, message: string): void {
    const body = JSON.stringify({ error: { code: status === 404 ? "not_found" : status === 401 ? "unauthenticated" : "forbidden", message } });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    socket.destroy();
  }

  return {
    handleUpgrade(req, socket, head) {
      const pathname = new URL(req.url ?? "/", "http://berth.invalid").pathname;
      const route = options.routes[pathname];
      if (!route) return refuse(socket, 404, `There is no WebSocket at ${pathname}.`);
      socket.on("error", () => socket.destroy());
      options.authenticate(req).then(
        (result) => {
          if (!result.ok) return refuse(socket, result.status, result.message);
          wss.handleUpgrade(req, socket, head, (ws) => route(ws, req, result.principal));
        },
        () => refuse(socket, 401, "Sign in again: your credentials could not be checked."),
      );
    },
    closeAll(code, reason) {
      for (const client of wss.clients) client.close(code, reason);
    },
    openCount() {
      return wss.clients.size;
    },
  };
}
