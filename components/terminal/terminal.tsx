"use client";

import { useEffect, useRef } from "react";
import { Terminal as XTerm } from "@xterm/xterm";
import { FitAddon } from "@xterm/addon-fit";
import "@xterm/xterm/css/xterm.css";
import type { ExecServerMessage } from "@/lib/ws-protocol";
import { openExecSocket } from "@/lib/ws/exec-socket";
import { podOwner, type PodOwner } from "@/lib/ws/stream-urls";

export type SessionInfo = Extract<ExecServerMessage, { type: "session" }>;

/**
 * One xterm.js terminal attached to a container's shell (or a database's client) through /api/ws/exec. Keystrokes go
 * out as `stdin`, the fitted size as `resize`; the closing message (exit code, or why the
 * session ended) is written into the terminal itself. Load it only in the browser
 * (next/dynamic with ssr:false): xterm touches the DOM when imported.
 */
export function Terminal({
  project,
  owner,
  pod,
  container,
  isVisible,
  onSession,
  onExit,
}: {
  project: string;
  owner: PodOwner;
  pod?: string;
  container?: string;
  isVisible: boolean;
  onSession: (info: SessionInfo) => void;
  onExit: (reason: string) => void;
}) {
  // Primitives for the effect's dependencies: a new owner object each render must not reconnect.
  const { app, database } = owner;
  const host = useRef<HTMLDivElement>(null);
  const fitRef = useRef<FitAddon | null>(null);
  const callbacks = useRef({ onSession, onExit });
  useEffect(() => {
    callbacks.current = { onSession, onExit };
  });

  useEffect(() => {
    if (!host.current) return;
    const term = new XTerm({ cursorBlink: true, fontSize: 13, fontFamily: "ui-monospace, Menlo, Consolas, monospace", scrollback: 5000, convertEol: false });
    const fit = new FitAddon();
    fitRef.current = fit;
    term.loadAddon(fit);
    term.open(host.current);
    fit.fit();
    // The terminal just opened is what the person asked to see (xterm.js draws nothing off screen).
    host.current.scrollIntoView({ block: "nearest" });
    const socket = openExecSocket({ project, ...podOwner(app, database), pod, container, cols: term.cols, rows: term.rows }, (message) => {
      if (message.type === "stdout" || message.type === "stderr") term.write(message.data);
      else if (message.type === "session") callbacks.current.onSession(message);
      else if (message.type === "error") term.write(`\r\n\x1b[33m${message.message}\x1b[0m\r\n`);
      else {
        const text = message.code === null ? message.reason : `Session ended: ${message.reason}`;
        term.write(`\r\n\x1b[2m[${text}]\x1b[0m\r\n`);
        callbacks.current.onExit(text);
      }
    });
    const input = term.onData((data) => socket.sendInput(data));
    const resized = term.onResize(({ cols, rows }) => socket.resize(cols, rows));
    const observer = new ResizeObserver(() => {
      if (host.current && host.current.offsetParent !== null) fit.fit();
    });
    observer.observe(host.current);
    term.focus();
    return () => {
      observer.disconnect();
      input.dispose();
      resized.dispose();
      socket.close();
      term.dispose();
    };
  }, [project, app, database, pod, container]);

  useEffect(() => {
    if (isVisible) fitRef.current?.fit();
  }, [isVisible]);

  return <div ref={host} data-testid="terminal" className="h-[65vh] min-h-64 w-full overflow-hidden rounded-md border border-border bg-black p-2" />;
}
