import { stripAnsi } from "@/lib/logs/ansi";

/** Absolute numbers of the lines whose text contains `query` (case-insensitive), in order. */
export function searchLines(lines: Array<{ n: number; text: string }>, query: string): number[] {
  const needle = query.toLowerCase();
  if (!needle) return [];
  const hits: number[] = [];
  for (const line of lines) if (stripAnsi(line.text).toLowerCase().includes(needle)) hits.push(line.n);
  return hits;
}

/** Splits `text` around case-insensitive matches of `query`, for highlighting. */
export function splitMatches(text: string, query: string): Array<{ text: string; isMatch: boolean }> {
  if (!query) return [{ text, isMatch: false }];
  const lower = text.toLowerCase();
  const needle = query.toLowerCase();
  const parts: Array<{ text: string; isMatch: boolean }> = [];
  let at = 0;
  for (let i = lower.indexOf(needle); i !== -1; i = lower.indexOf(needle, i + needle.length)) {
    if (i > at) parts.push({ text: text.slice(at, i), isMatch: false });
    parts.push({ text: text.slice(i, i + needle.length), isMatch: true });
    at = i + needle.length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), isMatch: false });
  return parts;
}
