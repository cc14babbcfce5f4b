"use client";

import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from "react";

export const LINE_HEIGHT_PX = 20;
const OVERSCAN_ROWS = 20;

/**
 * A windowed list: only the rows in view (plus a margin) exist in the DOM, so 100,000 lines
 * scroll as smoothly as 100. Rows are monospace, so a row's height is known without measuring
 * it — one line, or with `isWrapped`, ceil(characters / columns) lines.
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
  const [viewport, setViewport] = useState({ top: 0, height: 600, width: 800 });
  const [charWidth, setCharWidth] = useState(8);
  const lastTop = useRef(0);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => {
      setViewport((v) => ({ ...v, height: el.clientHeight, width: el.clientWidth }));
      if (probe.current) setCharWidth(probe.current.getBoundingClientRect().width / 10 || 8);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const columns = Math.max(20, Math.floor((viewport.width - 24) / charWidth));
  const offsets = useMemo(() => {
    if (!isWrapped) return undefined;
    const out = new Float64Array(count + 1);
    for (let i = 0; i < count; i++) out[i + 1] = out[i] + Math.max(1, Math.ceil(charsOf(i) / columns)) * LINE_HEIGHT_PX;
    return out;
  }, [isWrapped, count, charsOf, columns]);

  const offsetOf = (i: number) => (offsets ? offsets[i] : i * LINE_HEIGHT_PX);
  const total = offsetOf(count);
  const indexAt = (y: number) => {
    if (!offsets) return Math.min(count, Math.max(0, Math.floor(y / LINE_HEIGHT_PX)));
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (offsets[mid] <= y) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const first = Math.max(0, indexAt(viewport.top) - OVERSCAN_ROWS);
  const last = Math.min(count, indexAt(viewport.top + viewport.height) + OVERSCAN_ROWS + 1);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && isFollowing) el.scrollTop = el.scrollHeight;
  });

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || scrollToIndex === undefined) return;
    const y = offsetOf(scrollToIndex);
    if (y < el.scrollTop || y > el.scrollTop + el.clientHeight - LINE_HEIGHT_PX) el.scrollTop = Math.max(0, y - el.clientHeight / 3);
    // offsetOf changes identity every render; only a new target should scroll.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scrollToIndex]);

  function handleScroll() {
    const el = scroller.current;
    if (!el) return;
    if (el.scrollTop < lastTop.current - 2 && el.scrollTop + el.clientHeight < el.scrollHeight - LINE_HEIGHT_PX) onUserScrollUp();
    lastTop.current = el.scrollTop;
    setViewport((v) => (v.top === el.scrollTop ? v : { ...v, top: el.scrollTop }));
  }

  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    rows.push(
      <div key={i} style={{ position: "absolute", top: offsetOf(i), left: 0, right: 0, minHeight: LINE_HEIGHT_PX }} className={isWrapped ? "break-all whitespace-pre-wrap" : "whitespace-pre"}>
        {renderRow(i)}
      </div>,
    );
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
      <div style={{ position: "relative", height: total, minWidth: isWrapped ? undefined : "max-content" }}>{rows}</div>
    </div>
  );
}
