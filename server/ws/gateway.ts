import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";

export type UpgradeAuthResult<P> = { ok: true; principal: P } | { ok: false; status: 401 | 403; message: string };

export type WsRoute<P> = (socket: WebSocket, req: IncomingMessage, principal: P) => void;

/** A route's own check after authentication and before the handshake (role, query, limits). */
export type WsAdmission = { ok: true } | { ok: false; status: 400 | 403 | 429; message: string };
export interface WsGuardedRoute<P> {
  admit: (req: IncomingMessage, principal: P) => WsAdmission;
  handle: WsRoute<P>;
}

export interface WsGatewayOptions<P> {
  /** Checks credentials and Origin before any WebSocket exists. */
  authenticate: (req: IncomingMessage) => Promise<UpgradeAuthResult<P>>;
  routes: Record<string, WsRoute<P> | WsGuardedRoute<P>>;
  /** Largest message a browser may send; logs and exec input are small. */
  maxPayload?: number;
}

export interface WsGateway {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Closes every open socket with the given code (1001 "going away" on shutdown). */
  closeAll(code: number, reason: string): void;
  openCount(): number;
}

const STATUS_TEXT: Record<number, string> = { 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 429: "Too Many Requests" };
const ERROR_CODE: Record<number, string> = { 400: "invalid", 401: "unauthenticated", 403: "forbidden", 404: "not_found", 429: "rate_limited" };

/**
 * Routes `/api/ws/*` upgrades by path. Authentication and the Origin check run before the
 * handshake completes; a refused upgrade gets a plain HTTP error and the socket is destroyed,
 * so an unauthenticated client never holds an open WebSocket.
 */
export function createWsGateway<P>(options: WsGatewayOptions<P>): WsGateway {
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload ?? 64 * 1024 });

  function refuse(socket: Duplex, status: number, message: string): void {
    const body = JSON.stringify({ error: { code: ERROR_CODE[status], message } });
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
          const handle = typeof route === "function" ? route : route.handle;
          if (typeof route !== "function") {
            const admission = route.admit(req, result.principal);
            if (!admission.ok) return refuse(socket, admission.status, admission.message);
          }
          // handleUpgrade completes synchronously here (no verifyClient), so a limit checked in
          // `admit` and taken in `handle` cannot be raced by another upgrade.
          wss.handleUpgrade(req, socket, head, (ws) => handle(ws, req, result.principal));
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
