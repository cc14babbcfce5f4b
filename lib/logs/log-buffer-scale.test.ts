/**
 * Issue 6: "Rendering stays smooth at 100,000 lines … a memory cap with a visible note of what
 * was trimmed." The browser's buffer must hold at most its cap however much the socket sends,
 * count exactly what it dropped (the viewer prints that count), keep search working on what it
 * kept, and take its appends cheaply enough that a burst never stalls the page.
 */
import { expect, test } from "vitest";
import { LogBuffer } from "@/lib/logs/log-buffer";
import { searchLines } from "@/lib/logs/search-lines";

const TOTAL = 100_000;
const CAP = 50_000;
/** The server's `maxBatch` (server/ws/logs-session.ts): socket messages carry at most 500 lines. */
const BATCH = 500;

function socketBatch(from: number): Array<{ stream: string; ts: string; text: string }> {
  return Array.from({ length: BATCH }, (_, i) => {
    const n = from + i;
    return {
      stream: n % 2 ? "web-7f9c-abcde/web" : "web-7f9c-fghij/web",
      ts: new Date(Date.UTC(2026, 0, 1) + n).toISOString(),
      text: `GET /api/items/${n} 200 ${n % 97}ms request-id=${n.toString(36)}`,
    };
  });
}

test("100,000 lines in socket-sized batches: memory stays at the cap, the trim is counted, search still works, appends are quick", () => {
  const buffer = new LogBuffer(CAP);
  const batches = Array.from({ length: TOTAL / BATCH }, (_, b) => socketBatch(b * BATCH));
  let largest = 0;
  const started = performance.now();
  for (const batch of batches) {
    buffer.append(batch);
    largest = Math.max(largest, buffer.length);
  }
  const appendMs = performance.now() - started;
  console.log(`appended ${TOTAL} lines in ${TOTAL / BATCH} batches in ${appendMs.toFixed(1)} ms; kept ${buffer.length}, trimmed ${buffer.trimmedCount}`);

  // Memory: the buffer never held more than the cap, not even between batches.
  expect(largest).toBeLessThanOrEqual(CAP);
  expect(buffer.length).toBeLessThanOrEqual(CAP);
  // The note's count is exact: everything that arrived is either kept or counted as trimmed.
  expect(buffer.end).toBe(TOTAL);
  expect(buffer.trimmedCount + buffer.length).toBe(TOTAL);
  expect(buffer.trimmedCount).toBeGreaterThanOrEqual(TOTAL - CAP);
  // Chunked trimming may drop up to a tenth of the cap more, so a steady stream does not shift
  // the array on every batch; it never drops more than that.
  expect(buffer.trimmedCount).toBeLessThanOrEqual(TOTAL - CAP + CAP / 10);
  // The newest line is kept with its absolute number; the oldest ones are gone.
  expect(buffer.at(TOTAL - 1)?.text).toBe(`GET /api/items/${TOTAL - 1} 200 ${(TOTAL - 1) % 97}ms request-id=${(TOTAL - 1).toString(36)}`);
  expect(buffer.at(0)).toBeUndefined();
  expect(buffer.at(buffer.trimmedCount - 1)).toBeUndefined();
  expect(buffer.at(buffer.trimmedCount)?.n).toBe(buffer.trimmedCount);

  // Search over the kept window finds a kept line, and not a trimmed one.
  const kept = buffer.slice(buffer.trimmedCount, buffer.end);
  const wanted = TOTAL - 1234;
  expect(searchLines(kept, `request-id=${wanted.toString(36)}`)).toEqual([wanted]);
  expect(searchLines(kept, `/api/items/5 200`)).toEqual([]);
  // Reconnect would resume each stream after the last line held.
  expect(buffer.resumePoint()["web-7f9c-abcde/web"]).toBe(new Date(Date.UTC(2026, 0, 1) + TOTAL - 1).toISOString());

  // Generous: only a real regression (say, copying the whole array per batch) gets near it.
  expect(appendMs).toBeLessThan(2000);
});
