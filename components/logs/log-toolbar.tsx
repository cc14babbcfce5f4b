"use client";

import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

export interface LogOptions {
  stream: string;
  tail: number;
  isPrevious: boolean;
  isTimestampShown: boolean;
  isWrapped: boolean;
}

const TAILS = [100, 500, 1000, 5000];

function Toggle({ isOn, onToggle, children }: { isOn: boolean; onToggle: () => void; children: string }) {
  return (
    <Button variant={isOn ? "primary" : "secondary"} size="sm" aria-pressed={isOn} onClick={onToggle}>
      {children}
    </Button>
  );
}

/** The log viewer's controls: which stream, how much history, display toggles, search. */
export function LogToolbar({
  options,
  streams,
  onOptions,
  isPaused,
  onPauseToggle,
  heldCount,
  query,
  onQuery,
  hitLabel,
  onHit,
  onCopy,
  downloadHref,
}: {
  options: LogOptions;
  streams: string[];
  onOptions: (next: LogOptions) => void;
  isPaused: boolean;
  onPauseToggle: () => void;
  heldCount: number;
  query: string;
  onQuery: (query: string) => void;
  hitLabel: string;
  onHit: (step: 1 | -1) => void;
  onCopy: () => void;
  downloadHref: string;
}) {
  const set = (patch: Partial<LogOptions>) => onOptions({ ...options, ...patch });
  const selectClass = "h-8 rounded-md border border-border bg-panel px-2 text-sm text-fg";
  return (
    <div className="mb-3 flex flex-wrap items-center gap-2">
      <label className="sr-only" htmlFor="log-stream">
        Pod and container
      </label>
      <select id="log-stream" className={selectClass} value={options.stream} onChange={(e) => set({ stream: e.target.value })}>
        <option value="">All pods</option>
        {streams.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <label className="sr-only" htmlFor="log-tail">
        Lines of history
      </label>
      <select id="log-tail" className={selectClass} value={options.tail} onChange={(e) => set({ tail: Number(e.target.value) })}>
        {TAILS.map((t) => (
          <option key={t} value={t}>
            Last {t} lines
          </option>
        ))}
      </select>
      <Button variant={isPaused ? "primary" : "secondary"} size="sm" onClick={onPauseToggle}>
        {isPaused ? `Resume${heldCount > 0 ? ` (${heldCount} new)` : ""}` : "Pause"}
      </Button>
      <Toggle isOn={options.isTimestampShown} onToggle={() => set({ isTimestampShown: !options.isTimestampShown })}>
        Timestamps
      </Toggle>
      <Toggle isOn={options.isWrapped} onToggle={() => set({ isWrapped: !options.isWrapped })}>
        Wrap
      </Toggle>
      <Toggle isOn={options.isPrevious} onToggle={() => set({ isPrevious: !options.isPrevious })}>
        Previous container
      </Toggle>
      <div className="flex items-center gap-1">
        <input
          type="search"
          aria-label="Search the log"
          placeholder="Search"
          value={query}
          onChange={(e) => onQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") onHit(e.shiftKey ? -1 : 1);
          }}
          className={cn(selectClass, "w-44")}
        />
        <span className="min-w-16 text-xs text-fg-muted" role="status">
          {hitLabel}
        </span>
        <Button variant="ghost" size="sm" aria-label="Previous match" onClick={() => onHit(-1)} disabled={!query}>
          ↑
        </Button>
        <Button variant="ghost" size="sm" aria-label="Next match" onClick={() => onHit(1)} disabled={!query}>
          ↓
        </Button>
      </div>
      <Button variant="secondary" size="sm" onClick={onCopy}>
        Copy
      </Button>
      <a href={downloadHref} download className="inline-flex h-8 items-center rounded-md border border-border bg-panel px-3 text-sm text-fg hover:bg-muted">
        Download
      </a>
    </div>
  );
}
