import type { WebSocket } from "ws";
import { liveClientMessage, type LiveServerMessage } from "@/lib/ws-protocol";
import { clusterKubeConfig, isClusterConnected } from "@/server/kube/cluster";
import type { Principal } from "@/server/auth/principal";
import type { WsGuardedRoute } from "@/server/ws/gateway";
import { getLiveFanout, type LiveFanout } from "@/server/ws/live-fanout";
import { admitAccess } from "@/server/ws/ws-access";

export interface LivePrincipal {
  userName: string;
  role: "admin" | "viewer";
}

/**
 * A client that stops reading: past this much queued output the socket is closed with 1013
 * ("try again later") rather than buffered without bound; the browser reconnects and resyncs.
 */
const MAX_BUFFERED_BYTES = 1024 * 1024;

function defaultFanout(): LiveFanout | undefined {
  return isClusterConnected() ? getLiveFanout(clusterKubeConfig()) : undefined;
}

/**
 * One browser tab's live socket: greets the user, answers pings, and forwards the process's
 * fan-out of cluster changes (see live-fanout.ts) until the socket closes. Without a cluster
 * the socket still greets and answers pings, so the page can tell "connected" from "down".
 */
export function handleLiveSession(socket: WebSocket, principal: LivePrincipal, fanout: LiveFanout | undefined = defaultFanout()): void {
  const send = (message: LiveServerMessage) => {
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      socket.close(1013, "You fell behind; reconnect to resync.");
      return;
    }
    socket.send(JSON.stringify(message));
  };
  send({ type: "hello", user: principal.userName, role: principal.role });
  const unsubscribe = fanout?.subscribe(send);
  socket.on("close", () => unsubscribe?.());
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

/**
 * The /api/ws/live gateway route: admins and viewers. Deploy tokens are refused, since the
 * fan-out carries every project's changes and a deploy token may see only its own.
 */
export const liveRoute: WsGuardedRoute<Principal> = {
  admit: (_req, principal) => admitAccess(principal, "viewer", null),
  handle: (socket, _req, principal) => handleLiveSession(socket, { userName: principal.userName, role: principal.role === "admin" ? "admin" : "viewer" }),
};
