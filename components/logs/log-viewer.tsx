"use client";

import { useCallback, useMemo, useState } from "react";
import { searchLines } from "@/lib/logs/search-lines";
import { stripAnsi } from "@/lib/logs/ansi";
import { useLogStream } from "@/lib/ws/use-log-stream";
import { logsDownloadUrl, podOwner, type PodOwner } from "@/lib/ws/stream-urls";
import { LogLine, lineChars } from "@/components/logs/log-line";
import { LogToolbar, type LogOptions } from "@/components/logs/log-toolbar";
import { VirtualLogList } from "@/components/logs/virtual-log-list";

const STATE_TEXT = { connecting: "Connecting…", open: "Live", reconnecting: "Reconnecting…", closed: "Stopped" } as const;

async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  const area = document.createElement("textarea");
  area.value = text;
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  document.execCommand("copy");
  area.remove();
}

/**
 * The log of an app (or a database: `owner`), live: every pod merged (or one pod/container), virtualized, with pause
 * (lines keep arriving and show on resume), search with next/previous, timestamps, wrap,
 * previous container, copy and download of the full log from the server. `initialStream`
 * ("pod/container") opens one stream, e.g. a scheduled task run's pod from its history.
 */
export function LogViewer({ project, owner, cap = 50_000, initialStream = "" }: { project: string; owner: PodOwner; cap?: number; initialStream?: string }) {
  const [options, setOptions] = useState<LogOptions>({ stream: initialStream, tail: 500, isPrevious: false, isTimestampShown: false, isWrapped: false });
  const [pausedAt, setPausedAt] = useState<number | undefined>(undefined);
  const [isFollowing, setIsFollowing] = useState(true);
  const [query, setQuery] = useState("");
  const [hit, setHit] = useState(0);
  const [pod, container] = options.stream ? options.stream.split("/") : [undefined, undefined];
  const { app, database } = owner;
  const target = useMemo(
    () => ({ project, ...podOwner(app, database), pod, container, tail: options.tail, previous: options.isPrevious }),
    [project, app, database, pod, container, options.tail, options.isPrevious],
  );
  const { buffer, version, state, detail, streams } = useLogStream(target, cap);

  const start = buffer.trimmedCount;
  const end = pausedAt !== undefined ? Math.max(start, pausedAt) : buffer.end;
  const isPrefixShown = !options.stream;
  const hits = useMemo(
    () => (query ? searchLines(buffer.slice(start, end), query) : []),
    // version stands for the buffer's contents, which mutate in place.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [query, start, end, version, buffer],
  );
  const currentHit = hits.length > 0 ? hits[Math.min(hit, hits.length - 1)] : undefined;

  const charsOf = useCallback(
    (i: number) => {
      const line = buffer.at(start + i);
      return line ? lineChars(line, options.isTimestampShown, isPrefixShown) : 1;
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [buffer, start, version, options.isTimestampShown, isPrefixShown],
  );

  function handleHit(step: 1 | -1) {
    if (hits.length === 0) return;
    setIsFollowing(false);
    setHit((h) => (Math.min(h, hits.length - 1) + step + hits.length) % hits.length);
  }

  function handlePauseToggle() {
    if (pausedAt === undefined) {
      setPausedAt(buffer.end);
      setIsFollowing(false);
    } else {
      setPausedAt(undefined);
      setIsFollowing(true);
    }
  }

  function handleCopy() {
    const text = buffer
      .slice(start, end)
      .map((l) => `${options.isTimestampShown && l.ts ? `${l.ts} ` : ""}${isPrefixShown && l.stream ? `${l.stream} ` : ""}${stripAnsi(l.text)}`)
      .join("\n");
    void copyText(text);
  }

  return (
    <section aria-label="Logs">
      <LogToolbar
        options={options}
        streams={streams.map((s) => s.name)}
        onOptions={(next) => {
          setOptions(next);
          setPausedAt(undefined);
          setIsFollowing(true);
        }}
        isPaused={pausedAt !== undefined}
        onPauseToggle={handlePauseToggle}
        heldCount={pausedAt !== undefined ? buffer.end - end : 0}
        query={query}
        onQuery={(q) => {
          setQuery(q);
          setHit(0);
        }}
        hitLabel={query ? (hits.length ? `${Math.min(hit, hits.length - 1) + 1} of ${hits.length}` : "No match") : ""}
        onHit={handleHit}
        onCopy={handleCopy}
        downloadHref={logsDownloadUrl({ ...target, timestamps: options.isTimestampShown })}
      />
      <div className="mb-2 flex flex-wrap items-center gap-3 text-xs text-fg-muted">
        <span role="status" data-state={state}>
          {STATE_TEXT[state]}
          {detail ? ` — ${detail}` : ""}
        </span>
        <span>{(end - start).toLocaleString()} lines</span>
        {start > 0 ? <span>{start.toLocaleString()} earlier lines trimmed (download has the full log)</span> : null}
        {!isFollowing && pausedAt === undefined ? (
          <button type="button" className="underline" onClick={() => setIsFollowing(true)}>
            Follow
          </button>
        ) : null}
      </div>
      <VirtualLogList
        count={end - start}
        charsOf={charsOf}
        isWrapped={options.isWrapped}
        isFollowing={isFollowing}
        scrollToIndex={currentHit !== undefined ? currentHit - start : undefined}
        onUserScrollUp={() => setIsFollowing(false)}
        renderRow={(i) => {
          const line = buffer.at(start + i);
          return line ? (
            <LogLine line={line} isTimestampShown={options.isTimestampShown} isPrefixShown={isPrefixShown} query={query} isCurrentHit={line.n === currentHit} />
          ) : null;
        }}
      />
    </section>
  );
}
