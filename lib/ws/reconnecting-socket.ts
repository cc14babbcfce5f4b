/**
 * A WebSocket that reconnects after a drop with exponential backoff (0.5 s doubling to 30 s,
 * with jitter), asking for a fresh URL each time so the caller can put its resume point in it.
 * A close the server meant (1000, or 1008/1011 refusals) is final; so is `close()`.
 */
export type SocketState = "connecting" | "open" | "reconnecting" | "closed";

export interface ReconnectingSocket {
  close(): void;
  send(data: string): void;
}

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;
const FINAL_CODES = new Set([1000, 1008, 1011]);

export function openReconnectingSocket(options: {
  url: () => string;
  onMessage: (data: string) => void;
  onState: (state: SocketState, detail?: string) => void;
}): ReconnectingSocket {
  let socket: WebSocket | undefined;
  let attempt = 0;
  let isClosed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function connect() {
    if (isClosed) return;
    options.onState(attempt === 0 ? "connecting" : "reconnecting");
    const ws = new WebSocket(options.url());
    socket = ws;
    let wasOpen = false;
    ws.onopen = () => {
      wasOpen = true;
      attempt = 0;
      options.onState("open");
    };
    ws.onmessage = (event) => options.onMessage(typeof event.data === "string" ? event.data : "");
    ws.onclose = (event) => {
      if (socket !== ws || isClosed) return;
      if (wasOpen && FINAL_CODES.has(event.code)) {
        isClosed = true;
        return options.onState("closed", event.reason || undefined);
      }
      attempt++;
      const delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(attempt - 1, 10));
      options.onState("reconnecting", `Connection lost; retrying in ${Math.round(delay / 1000)} s.`);
      timer = setTimeout(connect, delay * (0.75 + Math.random() / 2));
    };
  }
  connect();

  return {
    send(data) {
      if (socket?.readyState === WebSocket.OPEN) socket.send(data);
    },
    close() {
      isClosed = true;
      clearTimeout(timer);
      socket?.close(1000);
      options.onState("closed");
    },
  };
}
