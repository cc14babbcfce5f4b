"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from "react";

export const LINE_HEIGHT_PX = 20;
const OVERSCAN_ROWS = 20;

/**
 * A windowed list on @tanstack/react-virtual: only the rows in view (plus a margin) exist in the
 * DOM, so 100,000 lines scroll as smoothly as 100. Rows are monospace, so a row's height is known
 * without measuring it — one line, or with `isWrapped`, ceil(characters / columns) lines — and
 * the virtualizer is given that estimate instead of measuring every row it mounts.
 */
export function VirtualLogList({
  count,
  charsOf,
  isWrapped,
  isFollowing,
  scrollToIndex,
  onUserScrollUp,
  renderRow,
}: {
  count: number;
  /** Characters row `i` shows (prefix and timestamp included), for wrapped heights. */
  charsOf: (index: number) => number;
  isWrapped: boolean;
  isFollowing: boolean;
  scrollToIndex?: number;
  /** The reader scrolled away from the bottom (the viewer stops following). */
  onUserScrollUp: () => void;
  renderRow: (index: number) => ReactNode;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const probe = useRef<HTMLSpanElement>(null);
  const [columns, setColumns] = useState(100);
  const lastTop = useRef(0);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => {
      const charWidth = probe.current ? probe.current.getBoundingClientRect().width / 10 || 8 : 8;
      setColumns(Math.max(20, Math.floor((el.clientWidth - 24) / charWidth)));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // The React Compiler skips this component (the virtualizer's functions change identity on
  // purpose); nothing here is passed to a memoized child, so the skip costs nothing.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => (isWrapped ? Math.max(1, Math.ceil(charsOf(i) / columns)) : 1) * LINE_HEIGHT_PX,
    overscan: OVERSCAN_ROWS,
  });

  // Heights are estimates the virtualizer caches: wrapping or a new width changes every one.
  useLayoutEffect(() => {
    virtualizer.measure();
  }, [virtualizer, isWrapped, columns]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && isFollowing) el.scrollTop = el.scrollHeight;
  });

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || scrollToIndex === undefined) return;
    const y = virtualizer.getOffsetForIndex(scrollToIndex, "start")?.[0] ?? 0;
    if (y < el.scrollTop || y > el.scrollTop + el.clientHeight - LINE_HEIGHT_PX) el.scrollTop = Math.max(0, y - el.clientHeight / 3);
    // Only a new target should scroll, not every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scrollToIndex]);

  function handleScroll() {
    const el = scroller.current;
    if (!el) return;
    if (el.scrollTop < lastTop.current - 2 && el.scrollTop + el.clientHeight < el.scrollHeight - LINE_HEIGHT_PX) onUserScrollUp();
    lastTop.current = el.scrollTop;
  }

  return (
    <div
      ref={scroller}
      onScroll={handleScroll}
      data-testid="log-lines"
      className="relative h-[65vh] min-h-64 overflow-auto rounded-md border border-border bg-panel px-3 font-mono text-xs"
      style={{ lineHeight: `${LINE_HEIGHT_PX}px` }}
    >
      <span ref={probe} aria-hidden className="invisible absolute whitespace-pre">
        0000000000
      </span>
      <div style={{ position: "relative", height: virtualizer.getTotalSize(), minWidth: isWrapped ? undefined : "max-content" }}>
        {virtualizer.getVirtualItems().map((row) => (
          <div
            key={row.key}
            style={{ position: "absolute", top: row.start, left: 0, right: 0, minHeight: LINE_HEIGHT_PX }}
            className={isWrapped ? "break-all whitespace-pre-wrap" : "whitespace-pre"}
          >
            {renderRow(row.index)}
          </div>
        ))}
      </div>
    </div>
  );
}
