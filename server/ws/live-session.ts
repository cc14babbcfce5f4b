import type { WebSocket } from "ws";
import { liveClientMessage, type LiveServerMessage } from "@/lib/ws-protocol";

export interface LivePrincipal {
  userName: string;
  role: "admin" | "viewer";
}

/**
 * One browser tab's live socket. Today it greets the user and answers pings; the fan-out of
 * cluster events arrives with the dashboard's live updates.
 */
export function handleLiveSession(socket: WebSocket, principal: LivePrincipal): void {
  const send = (message: LiveServerMessage) => socket.send(JSON.stringify(message));
  send({ type: "hello", user: principal.userName, role: principal.role });
  socket.on("message", (data) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.toString());
    } catch {
      return send({ type: "error", message: "Send JSON messages, e.g. {\"type\":\"ping\"}." });
    }
    const message = liveClientMessage.safeParse(parsed);
    if (!message.success) return send({ type: "error", message: "Unknown message: expected {\"type\":\"ping\"}." });
    send({ type: "pong", id: message.data.id });
  });
}
