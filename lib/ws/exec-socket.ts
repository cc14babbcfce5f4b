import { execServerMessage, type ExecClientMessage, type ExecServerMessage } from "@/lib/ws-protocol";
import { execSocketUrl, type ExecTarget } from "@/lib/ws/stream-urls";

export interface ExecSocket {
  sendInput(data: string): void;
  resize(cols: number, rows: number): void;
  close(): void;
}

/**
 * One terminal's socket to /api/ws/exec. Not reconnected: a shell's state cannot be resumed,
 * so a drop ends the session with a sentence saying so (the user opens a new one).
 */
export function openExecSocket(
  target: ExecTarget,
  onMessage: (message: ExecServerMessage) => void,
): ExecSocket {
  const ws = new WebSocket(execSocketUrl(target));
  let hasExit = false;
  const send = (message: ExecClientMessage) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
  };
  ws.onmessage = (event) => {
    let raw: unknown;
    try {
      raw = JSON.parse(String(event.data));
    } catch {
      return;
    }
    const parsed = execServerMessage.safeParse(raw);
    if (!parsed.success) return;
    if (parsed.data.type === "exit") hasExit = true;
    onMessage(parsed.data);
  };
  ws.onclose = (event) => {
    if (hasExit) return;
    const reason =
      event.code === 1006 && !event.wasClean
        ? "The terminal could not connect or the connection dropped (only admins may open terminals)."
        : event.reason || "The connection closed.";
    onMessage({ type: "exit", code: null, reason });
  };
  return {
    sendInput: (data) => send({ type: "stdin", data }),
    resize: (cols, rows) => send({ type: "resize", cols, rows }),
    close: () => ws.close(1000),
  };
}
