import { expect, test } from "vitest";
import { LogBuffer } from "@/lib/logs/log-buffer";
import { searchLines, splitMatches } from "@/lib/logs/search-lines";
import { streamColour } from "@/lib/logs/stream-colour";

const batch = (from: number, count: number, stream = "web-1/web") =>
  Array.from({ length: count }, (_, i) => ({ stream, ts: `2026-01-01T00:00:${String(from + i).padStart(2, "0")}Z`, text: `line ${from + i}` }));

test("over the cap the oldest lines are trimmed and counted; numbers stay stable", () => {
  const buffer = new LogBuffer(100);
  buffer.append(batch(0, 60));
  buffer.append(batch(60, 60));
  expect(buffer.end).toBe(120);
  expect(buffer.length).toBeLessThanOrEqual(100);
  expect(buffer.trimmedCount + buffer.length).toBe(120);
  expect(buffer.at(119)?.text).toBe("line 119");
  expect(buffer.at(0)).toBeUndefined();
});

test("the resume point holds each stream's last timestamp and ignores Berth's notes", () => {
  const buffer = new LogBuffer();
  buffer.append([...batch(1, 2, "a/x"), ...batch(5, 1, "b/y"), { stream: "", ts: "", text: "a/x: Pod a went away." }]);
  expect(buffer.resumePoint()).toEqual({ "a/x": "2026-01-01T00:00:02Z", "b/y": "2026-01-01T00:00:05Z" });
});

test("search finds lines case-insensitively, ignoring colour codes, and splits matches for highlighting", () => {
  const lines = [
    { n: 7, text: "GET /healthz 200" },
    { n: 8, text: "\x1b[31mError\x1b[0m: boom" },
    { n: 9, text: "error again" },
  ];
  expect(searchLines(lines, "ERROR")).toEqual([8, 9]);
  expect(splitMatches("an Error and error", "error")).toEqual([
    { text: "an ", isMatch: false },
    { text: "Error", isMatch: true },
    { text: " and ", isMatch: false },
    { text: "error", isMatch: true },
  ]);
});

test("a stream keeps its colour, and different streams usually differ", () => {
  expect(streamColour("web-7f9/web")).toBe(streamColour("web-7f9/web"));
  const colours = new Set(["a/x", "b/x", "c/x", "d/x", "e/x", "f/x"].map(streamColour));
  expect(colours.size).toBeGreaterThan(2);
});
