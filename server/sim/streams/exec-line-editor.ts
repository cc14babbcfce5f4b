/**
 * The terminal line discipline an interactive program in a simulated container reads through:
 * stdin frames become keystrokes; with a TTY they are echoed, Backspace rubs out, ^C drops the
 * line, ^D on an empty line ends input, and terminal replies or arrow keys (escape sequences)
 * are swallowed rather than typed. A terminal sends CR for Enter, a script LF (05c-1); CR LF is
 * one line. Resizes (channel 4) and a v5 stdin close (channel 255) are passed on.
 */
import type { WebSocket } from "ws";
import type { ExecChannels } from "@/server/sim/streams/exec-channels";

export interface LineHandlers {
  /** A complete line (without its end). */
  onLine(text: string): void;
  onInterrupt(): void;
  /** ^D on an empty line, or the client closed stdin. */
  onEnd(): void;
  onResize?(size: { rows: number; cols: number }, line: string): void;
}

export function readLines(ws: WebSocket, channels: ExecChannels, handlers: LineHandlers): void {
  const { tty } = channels.flags;
  let line = "";
  let escape: "" | "esc" | "csi" = "";
  let previous = "";
  const type = (ch: string) => {
    if (escape === "esc") {
      escape = ch === "[" ? "csi" : "";
      return;
    }
    if (escape === "csi") {
      if (ch >= "@" && ch <= "~") escape = "";
      return;
    }
    const isAfterReturn = previous === "\r";
    previous = ch;
    if (ch === "\x1b") escape = "esc";
    else if (ch === "\r" || ch === "\n") {
      if (ch === "\n" && isAfterReturn) return;
      if (tty) channels.stdout("\n");
      const text = line;
      line = "";
      handlers.onLine(text);
    } else if (ch === "\x7f" || ch === "\b") {
      if (!line) return;
      line = line.slice(0, -1);
      if (tty) channels.stdout("\b \b");
    } else if (ch === "\x03" && tty) {
      line = "";
      channels.stdout("^C\n");
      handlers.onInterrupt();
    } else if (ch === "\x04" && line === "") {
      handlers.onEnd();
    } else {
      line += ch;
      if (tty) channels.stdout(ch);
    }
  };

  ws.on("message", (raw: Buffer, isBinary: boolean) => {
    if (!channels.isOpen) return;
    if (!isBinary && ws.protocol !== "channel.k8s.io") return;
    const buf = Buffer.isBuffer(raw) ? raw : Buffer.from(raw as unknown as ArrayBuffer);
    const channel = buf[0];
    const data = buf.subarray(1).toString("utf8");
    if (channel === 4) {
      try {
        const size = JSON.parse(data) as { Width: number; Height: number };
        handlers.onResize?.({ rows: size.Height, cols: size.Width }, line);
      } catch {
        // A malformed resize is ignored, as the kubelet does.
      }
      return;
    }
    if (channel === 255) {
      if (buf[1] === 0) handlers.onEnd();
      return;
    }
    if (channel !== 0) return;
    for (const ch of data) {
      if (!channels.isOpen) return;
      type(ch);
    }
  });
}
