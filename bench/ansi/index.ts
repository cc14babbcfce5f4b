/**
 * `npm run bench -- ansi`: Berth's own SGR parser (lib/logs/ansi.ts) against anser, the kept
 * parser issue 11 asked us to consider, on the same 100,000 coloured log lines. It prints the
 * time each takes and whether each keeps the text a person reads free of escape debris (an OSC
 * window title, which shells and progress bars emit, must not show up in the log viewer).
 */
import Anser from "anser";
import { parseAnsi } from "@/lib/logs/ansi";

const LINES = 100_000;
const RUNS = 5;
const lines = Array.from({ length: LINES }, (_, i) => `\x1b[32m2026-12-01T03:00:00Z\x1b[0m GET /items/${i} 200 \x1b[1;33m${i % 97}ms\x1b[0m`);

function medianMs(parse: (line: string) => unknown): number {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    for (const line of lines) parse(line);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

const ours = (line: string) => parseAnsi(line);
const anser = (line: string) => Anser.ansiToJson(line, { json: true, remove_empty: true });

const oursMs = medianMs(ours);
const anserMs = medianMs(anser);

const titled = "\x1b]0;build: step 3\x07compiling";
const oursText = parseAnsi(titled).map((segment) => segment.text).join("");
const anserText = Anser.ansiToJson(titled, { json: true, remove_empty: true }).map((entry) => entry.content).join("");
const isClean = (text: string) => text === "compiling";

console.log(`lines: ${LINES}, median of ${RUNS} runs`);
console.log(`berth parser: ${oursMs.toFixed(0)} ms, OSC title dropped: ${isClean(oursText)}`);
console.log(`anser:        ${anserMs.toFixed(0)} ms, OSC title dropped: ${isClean(anserText)} (${JSON.stringify(anserText)})`);
console.log(
  `RESULT berth_ms=${oursMs.toFixed(0)} anser_ms=${anserMs.toFixed(0)} anser_over_berth=${(anserMs / oursMs).toFixed(2)} berth_drops_osc=${isClean(oursText)} anser_drops_osc=${isClean(anserText)}`,
);
