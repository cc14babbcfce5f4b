import type { LiveServerMessage } from "@/lib/ws-protocol";

/** connecting: first attempt; open: receiving; reconnecting: lost and retrying with back-off. */
export type LiveState = "connecting" | "open" | "reconnecting";

export interface LiveConnectionOptions {
  url: string;
  onMessage: (message: LiveServerMessage) => void;
  onState: (state: LiveState) => void;
  /** Called after a reconnect: events may have been missed while away, so refetch. */
  onResync: () => void;
  /** Injected in tests. */
  createSocket?: (url: string) => WebSocket;
}

/**
 * The message types this client acts on. The browser trusts its own authenticated server, so it
 * checks only the tag instead of running the zod schema: importing zod here would put ~31 KB
 * (gzipped) into the first load of every signed-in page. The server builds messages from the
 * same typed protocol (lib/ws-protocol.ts). Every type of the protocol is listed (the compiler
 * checks it): a type left out here is dropped in silence, as deploy progress and outcomes were.
 */
const KNOWN_TYPES = new Set<string>(
  Object.keys({
    hello: true,
    pong: true,
    error: true,
    "app-status": true,
    "app-removed": true,
    "projects-changed": true,
    "revision-progress": true,
    revision: true,
  } satisfies Record<LiveServerMessage["type"], true>),
);

function asLiveMessage(data: unknown): LiveServerMessage | undefined {
  if (typeof data !== "object" || data === null) return undefined;
  const type = (data as { type?: unknown }).type;
  return typeof type === "string" && KNOWN_TYPES.has(type) ? (data as LiveServerMessage) : undefined;
}

const BACKOFF_START_MS = 500;
const BACKOFF_MAX_MS = 15_000;
/** Below common idle-proxy limits (60 s) so the socket is not cut while nothing changes. */
const PING_INTERVAL_MS = 25_000;

/** The delay before reconnect attempt `attempt` (0-based): doubling with jitter, capped. */
export function backoffDelay(attempt: number, random = Math.random()): number {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_START_MS * 2 ** Math.min(attempt, 10));
  return Math.round(base * (0.5 + random / 2));
}

/**
 * The browser's one live socket: reconnects with back-off after any close and asks for a
 * resync once it is back, so nothing that happened while it was away is missed.
 */
export function openLiveConnection(options: LiveConnectionOptions): { close: () => void } {
  const create = options.createSocket ?? ((url: string) => new WebSocket(url));
  let socket: WebSocket | undefined;
  let attempt = 0;
  let hasBeenOpen = false;
  let isClosed = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let pingTimer: ReturnType<typeof setInterval> | undefined;

  function connect() {
    if (isClosed) return;
    const current = create(options.url);
    socket = current;
    current.onopen = () => {
      attempt = 0;
      options.onState("open");
      if (hasBeenOpen) options.onResync();
      hasBeenOpen = true;
      pingTimer = setInterval(() => current.send(JSON.stringify({ type: "ping" })), PING_INTERVAL_MS);
    };
    current.onmessage = (event) => {
      let data: unknown;
      try {
        data = JSON.parse(String(event.data));
      } catch {
        return;
      }
      const message = asLiveMessage(data);
      if (message) options.onMessage(message);
    };
    current.onclose = () => {
      clearInterval(pingTimer);
      if (isClosed) return;
      options.onState(hasBeenOpen ? "reconnecting" : "connecting");
      retryTimer = setTimeout(connect, backoffDelay(attempt++));
    };
  }

  options.onState("connecting");
  connect();
  return {
    close() {
      isClosed = true;
      clearTimeout(retryTimer);
      clearInterval(pingTimer);
      socket?.close(1000, "page closed");
    },
  };
}

/** ws:// or wss:// on the page's own origin. */
export function liveSocketUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/api/ws/live`;
}
