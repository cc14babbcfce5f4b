"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { logsServerMessage } from "@/lib/ws-protocol";
import { LogBuffer } from "@/lib/logs/log-buffer";
import { openReconnectingSocket, type SocketState } from "@/lib/ws/reconnecting-socket";
import { logsSocketUrl, type LogsTarget } from "@/lib/ws/stream-urls";

export interface LogStreamView {
  buffer: LogBuffer;
  /** Changes whenever the buffer did (at most once per animation frame). */
  version: number;
  state: SocketState;
  detail?: string;
  /** Every pod/container seen, with whether it still streams. */
  streams: Array<{ name: string; isOpen: boolean }>;
}

/**
 * Follows /api/ws/logs into a capped LogBuffer. After a drop it reconnects with the last
 * timestamp of every stream, so the server resumes exactly after what the buffer holds.
 * Changing the target (pod, container, tail, previous) starts a fresh buffer.
 */
export function useLogStream(target: LogsTarget, cap = 50_000): LogStreamView {
  const key = JSON.stringify(target);
  // A new target starts a new buffer; the buffer is a mutable store the socket fills.
  const buffer = useMemo(() => new LogBuffer(cap), [key, cap]); // eslint-disable-line react-hooks/exhaustive-deps
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<{ state: SocketState; detail?: string }>({ state: "connecting" });
  const [streamsOf, setStreamsOf] = useState<{ key: string; map: Map<string, boolean> }>({ key, map: new Map() });
  const streams = streamsOf.key === key ? streamsOf.map : new Map<string, boolean>();
  const frame = useRef<number | undefined>(undefined);

  useEffect(() => {
    const parsedTarget = JSON.parse(key) as LogsTarget;
    const fresh = buffer;
    let names = new Map<number, string>();
    const bump = () => {
      if (frame.current !== undefined) return;
      frame.current = requestAnimationFrame(() => {
        frame.current = undefined;
        setVersion(fresh.version);
      });
    };
    const note = (text: string) => {
      fresh.append([{ stream: "", ts: "", text }]);
      bump();
    };
    const socket = openReconnectingSocket({
      url: () => logsSocketUrl(parsedTarget, fresh.resumePoint()),
      onState: (next, detail) => {
        if (next === "open") names = new Map();
        setState({ state: next, detail });
      },
      onMessage: (data) => {
        let raw: unknown;
        try {
          raw = JSON.parse(data);
        } catch {
          return;
        }
        const parsed = logsServerMessage.safeParse(raw);
        if (!parsed.success) return;
        const message = parsed.data;
        if (message.type === "lines") {
          fresh.append(message.lines.map(([id, ts, text]) => ({ stream: names.get(id) ?? "?", ts, text })));
          bump();
        } else if (message.type === "stream") {
          const name = `${message.pod}/${message.container}`;
          names.set(message.id, name);
          setStreamsOf((prev) => ({ key, map: new Map(prev.key === key ? prev.map : []).set(name, message.state === "open") }));
          if (message.state === "ended" && message.note) note(`${name}: ${message.note}`);
        } else if (message.type === "skipped") note(`${message.count} lines skipped: the browser could not keep up.`);
        else note(message.message);
      },
    });
    return () => {
      socket.close();
      if (frame.current !== undefined) cancelAnimationFrame(frame.current);
      frame.current = undefined;
    };
  }, [key, buffer]);

  return {
    buffer,
    version,
    state: state.state,
    detail: state.detail,
    streams: [...streams].map(([name, isOpen]) => ({ name, isOpen })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}
